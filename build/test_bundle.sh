#!/usr/bin/env bash
# Install dist/xuncha_VERSION_amd64.deb into a minimal Debian root (debootstrap --variant=minbase, plus
# only the packages the .deb declares; no Python) and run the installed program there with chroot and
# Qt offscreen: set up a workstation, sign in (verify), change a password, print an audit checkpoint
# to PDF, export the audit trail to xlsx, run verify, check the first window (the unlock window) and
# time its cold start. Outside the root: the PDF's fonts are embedded (pdffonts), the xlsx opens with
# openpyxl, the install folder is unchanged. Needs root (debootstrap, chroot, mount).
#   build/test_bundle.sh            (after build/build.sh)
# The pristine root is cached in $XUNCHA_ROOT_CACHE (default /var/tmp/xuncha-root) and copied per run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
version="$(.venv/bin/python -c 'import app; print(app.__version__)')"
deb="$repo/dist/xuncha_${version}_amd64.deb"
[ -f "$deb" ] || { echo "no $deb: run build/build.sh first" >&2; exit 1; }
cache="${XUNCHA_ROOT_CACHE:-/var/tmp/xuncha-root}"
root="${cache}-run"
suite="$(. /etc/os-release && echo "$VERSION_CODENAME")"

if [ ! -x "$cache/bin/sh" ]; then
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$mirror" ] || mirror="$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)"
  echo "==> debootstrap --variant=minbase $suite into $cache"
  rm -rf "$cache.tmp"
  debootstrap --variant=minbase "$suite" "$cache.tmp" "$mirror" >/dev/null
  mv "$cache.tmp" "$cache"
fi

umount_all() {
  for m in "$root/proc" "$root/dev"; do mountpoint -q "$m" && umount -R -l "$m"; done
  return 0
}
trap umount_all EXIT
umount_all
if grep -q " $root/" /proc/mounts; then echo "FAIL: something is still mounted under $root" >&2; exit 1; fi
rm -rf --one-file-system "$root"
cp -a "$cache" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "==> installing the .deb with its declared dependencies only"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
cp "$deb" "$root/tmp/xuncha.deb"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/xuncha.deb \
  >/dev/null
in_root sh -c 'command -v python3 python >/dev/null' && { echo "FAIL: Python is in the root" >&2; exit 1; }
echo "ok: no Python in the root"
in_root test -x /usr/bin/xuncha

# Every Qt plugin of the installed bundle resolves all its libraries inside the root.
lib_path=/opt/xuncha/_internal:/opt/xuncha/_internal/PySide6/Qt/lib
missing="$(in_root sh -c "cd /opt/xuncha/_internal/PySide6/Qt/plugins && for p in */*.so; do \
  LD_LIBRARY_PATH=$lib_path ldd \$p | sed -n \"s|^|\$p: |; /not found/p\"; done")"
[ -z "$missing" ] || { echo "FAIL: unresolved plugin libraries:"; echo "$missing"; exit 1; }
for p in libibusplatforminputcontextplugin.so libcomposeplatforminputcontextplugin.so; do
  in_root test -f "/opt/xuncha/_internal/PySide6/Qt/plugins/platforminputcontexts/$p"
done
echo "ok: every bundled Qt plugin resolves its libraries in the root (ibus and compose input methods among them)"

find "$root/opt/xuncha" -printf '%P %s %T@\n' | sort > "$root/tmp/before.txt"
run() { in_root env QT_QPA_PLATFORM=offscreen XDG_DATA_HOME=/root/.local/share xuncha "$@"; }
ws=/root/ws
pw_admin='Xq7#mWz!2026pa' pw_secu='Xq7#mWz!2026pb' pw_audit='Xq7#mWz!2026pc' pw_clerk='Xq7#mWz!2026pd'
new_audit='Yr8$nQv!2026zz'

echo "==> in the root: setup, verify, passwd, audit-checkpoint --pdf, audit-export, start-check"
printf '%s\n' "$pw_admin" "$pw_secu" "$pw_audit" "$pw_clerk" \
  | run setup --data-dir $ws --org 测试单位 --sysadmin admin --security-officer secu --auditor audit --office clerk
printf '%s\n' "$pw_audit" | run verify --data-dir $ws --user audit
printf '%s\n' "$pw_audit" "$new_audit" | run passwd --data-dir $ws --user audit
printf '%s\n' "$new_audit" | run audit-checkpoint --data-dir $ws --user audit --pdf /root/checkpoint.pdf
printf '%s\n' "$new_audit" | run audit-export --data-dir $ws --user audit /root/audit.xlsx
printf '%s\n' "$new_audit" | run verify --data-dir $ws --user audit | tail -1

sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || echo "(page cache not dropped: not permitted here)"
start=$(date +%s%N)
first="$(run start-check --data-dir $ws 2>/dev/null)"
cold_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "$first"
case "$first" in *UnlockWindow*) ;; *) echo "FAIL: the first window is not the unlock window" >&2; exit 1 ;; esac

echo "==> outside the root"
find "$root/opt/xuncha" -printf '%P %s %T@\n' | sort | cmp -s - "$root/tmp/before.txt" \
  || { echo "FAIL: the program wrote into its install folder" >&2; exit 1; }
echo "ok: nothing written into /opt/xuncha"
fonts="$(pdffonts "$root/root/checkpoint.pdf" | tail -n +3)"
echo "$fonts"
[ -n "$fonts" ] || { echo "FAIL: the PDF has no fonts" >&2; exit 1; }
echo "$fonts" | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' \
  || { echo "FAIL: a font of the PDF is not embedded" >&2; exit 1; }
echo "ok: every font of the PDF is embedded"
.venv/bin/python -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = sum(ws.max_row or 0 for ws in wb.worksheets)
print(f'ok: the xlsx opens with openpyxl: {len(wb.sheetnames)} sheet(s), {rows} rows')
" "$root/root/audit.xlsx"
echo "bundle size: $(du -sh "$root/opt/xuncha" | cut -f1) installed, .deb $(du -h "$deb" | cut -f1)," \
  "tar.gz $(du -h "dist/xuncha-$version-linux-x86_64.tar.gz" | cut -f1)"
echo "cold start to the unlock window: ${cold_ms} ms"
echo "test_bundle: 1 passed, 0 failed"
