{{/* The objects' name: the release's when it holds "framechat", else RELEASE-framechat. */}}
{{- define "framechat.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "framechat.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/part-of: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The configuration file: only what differs from the defaults (conf/config.json). */}}
{{- define "framechat.config" -}}
{{- $tls := dict "enabled" true "certPath" "/etc/framechat-tls/tls.crt" "keyPath" "/etc/framechat-tls/tls.key" -}}
{{- $config := dict
      "server" (dict "logFormat" "json")
      "http" (dict "management" (dict "enabled" true)) -}}
{{- if eq .Values.store.kind "sqlite" -}}
{{- $config = mergeOverwrite $config (dict "store" (dict "kind" "sqlite" "path" "/var/lib/framechat/data/framechat.db")) -}}
{{- else -}}
{{- $config = mergeOverwrite $config (dict "cluster" (dict "enabled" true "eventBusPort" (int .Values.ports.eventbus)
      "kubernetes" (dict "serviceDns" (printf "%s-hazelcast" (include "framechat.fullname" .))))) -}}
{{- end -}}
{{- if eq .Values.store.kind "postgres" -}}
{{- $pg := dict "url" .Values.store.postgres.url -}}
{{- if ne .Values.store.postgres.user "framechat" -}}
{{- $_ := set $pg "user" .Values.store.postgres.user -}}
{{- end -}}
{{- if .Values.store.postgres.caSecret -}}
{{- $_ := set $pg "caPath" "/etc/framechat-postgres/ca.crt" -}}
{{- end -}}
{{- $config = mergeOverwrite $config (dict "store" (dict "kind" "postgres" "postgres" $pg)) -}}
{{- end -}}
{{- if .Values.tls.enabled -}}
{{- $config = mergeOverwrite $config (dict "tcp" (dict "tls" $tls) "http" (dict "tls" $tls)) -}}
{{- end -}}
{{- if .Values.clusterTls.enabled -}}
{{- $bus := dict "enabled" true "certPath" "/etc/framechat-cluster-tls/tls.crt" "keyPath" "/etc/framechat-cluster-tls/tls.key" "caPath" "/etc/framechat-cluster-tls/ca.crt" -}}
{{- $config = mergeOverwrite $config (dict "cluster" (dict "tls" $bus)) -}}
{{- end -}}
{{- if .Values.auth.enabled -}}
{{- $config = mergeOverwrite $config (dict "auth" (dict "mode" "jwt")) -}}
{{- end -}}
{{- if ne (int .Values.ports.tcp) 9001 -}}
{{- $config = mergeOverwrite $config (dict "tcp" (dict "port" (int .Values.ports.tcp))) -}}
{{- end -}}
{{- if ne (int .Values.ports.udp) 9000 -}}
{{- $config = mergeOverwrite $config (dict "udp" (dict "port" (int .Values.ports.udp))) -}}
{{- end -}}
{{- if ne (int .Values.ports.http) 8080 -}}
{{- $config = mergeOverwrite $config (dict "http" (dict "port" (int .Values.ports.http))) -}}
{{- end -}}
{{- if ne (int .Values.ports.management) 8081 -}}
{{- $config = mergeOverwrite $config (dict "http" (dict "management" (dict "port" (int .Values.ports.management)))) -}}
{{- end -}}
{{- if ne (int .Values.ports.hazelcast) 5701 -}}
{{- $config = mergeOverwrite $config (dict "cluster" (dict "port" (int .Values.ports.hazelcast))) -}}
{{- end -}}
{{- mergeOverwrite $config (deepCopy .Values.config) | toPrettyJson -}}
{{- end -}}
