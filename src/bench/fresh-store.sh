# Sourced by the bench scripts, from the repository's root: the servers they start keep their room
# history (the default store, SQLite) in a file of this invocation's own, target/bench-store/,
# made empty here, instead of data/framechat.db, where every run's rooms (the harness names a new
# one each run) would pile up and later runs would measure a database earlier ones left.
# FRAMECHAT_STORE_PATH set beforehand is kept.
if [ -z "${FRAMECHAT_STORE_PATH:-}" ]; then
  rm -rf target/bench-store
  mkdir -p target/bench-store
  export FRAMECHAT_STORE_PATH=$PWD/target/bench-store/framechat.db
fi
