# Sourced by tests/interop/run.sh and tests/cypher/run.sh, with `here` set to the script's
# folder. Sets `root` (the repository), `bin` (the binary: $CLUSTERGRAPH, or
# target/debug/clustergraph brought up to date) and `python` (the Python of `$here/.venv`,
# made from `$here/requirements.txt`, and made again when that file changes).
root="$(cd "$here/../.." && pwd)"
bin="${CLUSTERGRAPH:-$root/target/debug/clustergraph}"
if [ -z "${CLUSTERGRAPH:-}" ]; then
    cargo build --quiet --locked --manifest-path "$root/Cargo.toml" --bin clustergraph
fi

python="$here/.venv/bin/python"
if ! cmp -s "$here/requirements.txt" "$here/.venv/requirements.txt" 2>/dev/null; then
    rm -rf "$here/.venv"
    python3 -m venv "$here/.venv"
    "$python" -m pip install --quiet --upgrade pip
    "$python" -m pip install --quiet --only-binary=:all: -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$here/.venv/requirements.txt"
fi
