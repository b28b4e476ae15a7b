#!/bin/sh
# Install 巡察工作台 from this folder (the unpacked dist/xuncha-VERSION-linux-x86_64.tar.gz).
#   sh install.sh                 into /opt/xuncha (as root), or ~/.local/opt/xuncha for another user
#   sh install.sh FOLDER          into FOLDER
#   sh install.sh --uninstall [FOLDER]
# Adds a desktop entry and an icon (system-wide as root, else the user's own) and a `xuncha` command.
# The program writes nothing into the folder it is installed in: data go to the user's data folder.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
if [ "$(id -u)" -eq 0 ]; then
  default=/opt/xuncha; share=/usr/share; bindir=/usr/local/bin
else
  default="$HOME/.local/opt/xuncha"; share="${XDG_DATA_HOME:-$HOME/.local/share}"; bindir="$HOME/.local/bin"
fi
desktop="$share/applications/xuncha.desktop"
icon="$share/icons/hicolor/scalable/apps/xuncha.svg"

if [ "${1:-}" = "--uninstall" ]; then
  target="${2:-$default}"
  [ -x "$target/xuncha" ] || { echo "错误：$target 中没有安装巡察工作台。" >&2; exit 1; }
  rm -rf "$target"
  rm -f "$desktop" "$icon"
  [ -L "$bindir/xuncha" ] && rm -f "$bindir/xuncha"
  echo "已卸载：$target"
  exit 0
fi

target="${1:-$default}"
if [ -e "$target" ] && [ ! -x "$target/xuncha" ]; then
  echo "错误：$target 已存在且不是巡察工作台的安装目录。" >&2; exit 1
fi
rm -rf "$target.new"
mkdir -p "$(dirname "$target")"
cp -a "$here/xuncha" "$target.new"
chmod -R go-w "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
mkdir -p "$(dirname "$desktop")" "$(dirname "$icon")" "$bindir"
sed "s|@BIN@|$target/xuncha|" "$here/xuncha.desktop" > "$desktop"
cp "$here/xuncha.svg" "$icon"
ln -sfn "$target/xuncha" "$bindir/xuncha"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
echo "已安装：$target（命令：$bindir/xuncha）"
