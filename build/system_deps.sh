#!/usr/bin/env bash
# Print the .deb's Depends: line for a bundle folder: every library its ELF files need (readelf -d,
# NEEDED) that the bundle does not carry, mapped to the Debian package that holds it on this machine,
# plus the run-time data packages listed below. Fails when a needed library belongs to no package.
set -euo pipefail
bundle="$1"
have="$(find "$bundle" -name '*.so*' -printf '%f\n' | sort -u)"
need="$(find "$bundle" -type f \( -name '*.so*' -o -name xuncha \) -exec readelf -d {} + 2>/dev/null \
  | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)"
pkgs=()
for lib in $(comm -23 <(echo "$need") <(echo "$have")); do
  pkg="$(dpkg -S "*/$lib" 2>/dev/null | grep -v ':i386' | head -1 | cut -d: -f1 || true)"
  if [ -z "$pkg" ]; then
    # Not installed here: Debian's naming rule (libfoo.so.N -> libfooN, libfoo2.so.N -> libfoo2-N),
    # checked against the package lists.
    base="${lib%%.so.*}"; so="${lib##*.so.}"; so="${so%%.*}"
    case "$base" in *[0-9]) pkg="$base-$so" ;; *) pkg="$base$so" ;; esac
    apt-cache show "$pkg" >/dev/null 2>&1 || { echo "no Debian package has $lib" >&2; exit 1; }
  fi
  pkgs+=("$pkg")
done
# Read at run time by libraries the bundle carries: fontconfig's configuration (libfontconfig1 brings
# fontconfig-config), the keyboard maps (libxkbcommon0 brings xkb-data), the D-Bus client library
# the ibus input method talks over, and the xcb cursor library of the X11 platform.
pkgs+=(libfontconfig1 libxkbcommon0 libdbus-1-3 libxcb-cursor0)
printf '%s\n' "${pkgs[@]}" | sort -u | paste -sd, | sed 's/,/, /g'
