# Sourced by the bench scripts: the built portal, wrk, a work folder and a free
# port on loopback.
portal=$PWD/target/release/portal
[ -x "$portal" ] || { echo "build the portal first (make run)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
