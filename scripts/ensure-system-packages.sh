#!/bin/sh
# Make sure the Debian packages cardkit needs are present.
# As root, missing packages are installed with apt-get; otherwise the script
# names what to install and fails, so `make` never continues half set up.
set -eu

missing=""

# Pillow's wheel bundles Raqm and HarfBuzz but loads FriBiDi from the system.
if ! ldconfig -p 2>/dev/null | grep -q 'libfribidi\.so\.0'; then
    missing="$missing libfribidi0"
fi

for extra in "$@"; do
    case "$extra" in
        chromium)
            [ -x /usr/bin/chromium ] || missing="$missing chromium" ;;
        nodejs)
            # Node.js with npm, from whichever source the machine has it.
            command -v node >/dev/null 2>&1 || missing="$missing nodejs" ;;
        *)
            dpkg -s "$extra" >/dev/null 2>&1 || missing="$missing $extra" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    # Debian packages npm apart from nodejs; NodeSource's nodejs carries its own.
    case " $* " in
        *" nodejs "*)
            command -v npm >/dev/null 2>&1 ||
                apt-get install -y -qq --no-install-recommends npm >/dev/null ;;
    esac
else
    echo "cardkit needs these Debian packages:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    exit 1
fi
