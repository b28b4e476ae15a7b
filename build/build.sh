#!/usr/bin/env bash
# Build the offline installer, one command from a clean checkout:
#   dist/xuncha/                                the one-folder bundle (PyInstaller, build/xuncha.spec)
#   dist/xuncha-VERSION-linux-x86_64.tar.gz     the bundle + install.sh (+ desktop entry and icon)
#   dist/xuncha_VERSION_amd64.deb               for Debian-family desktops (Kylin, UOS, Debian)
# PyInstaller's work files go to a temporary folder, never into build/ (source). build/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./dev setup
.venv/bin/python -m pip install -q "pyinstaller>=6.5"
version="$(.venv/bin/python -c 'import app; print(app.__version__)')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf dist/xuncha
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath "$work/pyi" \
  build/xuncha.spec
python3 build/check_bundle.py dist/xuncha > "$work/check.txt" || { cat "$work/check.txt"; exit 1; }
grep -v '^  ' "$work/check.txt"

# The tarball: xuncha-VERSION/{xuncha/, install.sh, xuncha.desktop, xuncha.svg}
name="xuncha-$version-linux-x86_64"
mkdir -p "$work/tar/xuncha-$version"
cp -a dist/xuncha "$work/tar/xuncha-$version/xuncha"
cp build/install.sh build/xuncha.desktop build/xuncha.svg "$work/tar/xuncha-$version/"
tar -C "$work/tar" --owner=0 --group=0 -czf "dist/$name.tar.gz" "xuncha-$version"

# The .deb's dependencies: the libraries the bundle links but does not carry (readelf NEEDED), each
# mapped to the Debian package that has it here, plus the data packages those libraries read at run
# time (fontconfig's configuration, the keyboard maps, the D-Bus library the input methods talk over).
deps="$(build/system_deps.sh dist/xuncha)"
root="$work/deb"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps"
cp -a dist/xuncha "$root/opt/xuncha"
chmod -R go-w "$root/opt/xuncha"
ln -s /opt/xuncha/xuncha "$root/usr/bin/xuncha"
sed "s|@BIN@|/opt/xuncha/xuncha|" build/xuncha.desktop > "$root/usr/share/applications/xuncha.desktop"
cp build/xuncha.svg "$root/usr/share/icons/hicolor/scalable/apps/xuncha.svg"
size_kb="$(du -sk "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: xuncha
Version: $version
Architecture: amd64
Maintainer: 巡察工作台 <xuncha@localhost>
Installed-Size: $size_kb
Depends: $deps
Section: office
Priority: optional
Description: 巡察工作台 (inspection workbench), offline desktop application
 A standalone, never-networked workstation program for inspection offices.
 Carries its own Python, Qt, SQLCipher, fonts, translations and templates.
CONTROL
dpkg-deb --root-owner-group -Zgzip --build "$root" "dist/xuncha_${version}_amd64.deb" >/dev/null
echo "Depends: $deps"
ls -l "dist/$name.tar.gz" "dist/xuncha_${version}_amd64.deb"
echo "bundle: $(du -sh dist/xuncha | cut -f1) in dist/xuncha"
