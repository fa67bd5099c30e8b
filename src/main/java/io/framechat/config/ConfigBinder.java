package io.framechat.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Binds configuration JSON to the immutable option records with Jackson, and back. Missing keys take
 * the defaults (the given JSON is merged over the defaults' JSON first; {@code null} means "the
 * default"). Binding is strict: no string for a number, no 1.5 for a whole number. Every failure is
 * one {@link ConfigException} naming the key: a type mismatch here, a bad value in the record's own
 * checks.
 */
final class ConfigBinder {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // enums are written and read by their configuration names (big, little, drop...)
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
      .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
      .build();

  static {
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean)) {
      MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
  }

  private ConfigBinder() {
  }

  /** {@code given} over {@code defaults}, bound to {@code type}; {@code prefix} ("tcp.") starts every key named in errors. */
  static <T> T bind(String prefix, Object defaults, JsonObject given, Class<T> type) {
    JsonObject merged = merge(toJson(defaults), given);
    try {
      return MAPPER.readValue(merged.encode(), type);
    } catch (JsonProcessingException e) {
      throw translate(prefix, merged, e);
    }
  }

  /** Every key of an options record with its value. */
  static JsonObject toJson(Object options) {
    return new JsonObject(MAPPER.convertValue(options, new TypeReference<Map<String, Object>>() { }));
  }

  private static JsonObject merge(JsonObject base, JsonObject over) {
    JsonObject out = base.copy();
    over.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject section && out.getValue(entry.getKey()) instanceof JsonObject known) {
        out.put(entry.getKey(), merge(known, section));
      } else if (entry.getValue() != null) {
        out.put(entry.getKey(), entry.getValue());
      }
    });
    return out;
  }

  private static ConfigException translate(String prefix, JsonObject merged, JsonProcessingException e) {
    StringBuilder key = new StringBuilder(prefix);
    Object value = merged;
    Class<?> target = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException known) {
        return known;
      } else if (cause instanceof MismatchedInputException mismatch && target == null) {
        target = mismatch.getTargetType();
      } else if (cause instanceof InputCoercionException coercion && target == null) {
        target = coercion.getTargetType();
      }
    }
    for (JsonMappingException.Reference step : e instanceof JsonMappingException m ? m.getPath() : List.<JsonMappingException.Reference>of()) {
      if (step.getFieldName() != null) {
        key.append(key.length() == prefix.length() ? "" : ".").append(step.getFieldName());
        value = value instanceof JsonObject object ? object.getValue(step.getFieldName()) : null;
      } else if (value instanceof JsonArray list) {
        target = List.class;
        value = list.getValue(step.getIndex());
      }
    }
    if (value instanceof JsonArray) {
      target = List.class;
    }
    if (target != null && target.isEnum() && value instanceof String) {
      List<String> names = Stream.of(target.getEnumConstants()).map(v -> "\"" + v + "\"").toList();
      return new ConfigException(key.toString(), "must be " + String.join(", ", names.subList(0, names.size() - 1))
          + " or " + names.get(names.size() - 1) + ", got \"" + value + "\"");
    }
    return new ConfigException(key.toString(), "expected " + describeType(target) + ", got "
        + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
  }

  private static String describeType(Class<?> target) {
    if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
      return "a whole number";
    } else if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    } else if (target == String.class || (target != null && target.isEnum())) {
      return "a string";
    } else if (target != null && List.class.isAssignableFrom(target)) {
      return "a list of strings";
    }
    return "an object";
  }
}
