#!/usr/bin/env bash
# Install dist/xuncha_VERSION_amd64.deb into a minimal Debian root (debootstrap --variant=minbase, plus
# only the packages the .deb declares; no Python) and run the installed program there with chroot and
# Qt offscreen: set up a workstation, sign in (verify), change a password, print an audit checkpoint
# to PDF, export the audit trail to xlsx, run verify, write a talk and print its numbered copy (on a
# demo workstation the development tree makes), check the first window (the unlock window) and
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
  for m in "$root/tmp/.X11-unix" "$root/proc" "$root/dev"; do mountpoint -q "$m" && umount -R -l "$m"; done
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

echo "==> in the root: setup, verify, passwd, audit-checkpoint --pdf, audit-export, talk-add, talk-print, start-check"
printf '%s\n' "$pw_admin" "$pw_secu" "$pw_audit" "$pw_clerk" \
  | run setup --data-dir $ws --org 测试单位 --sysadmin admin --security-officer secu --auditor audit --office clerk
printf '%s\n' "$pw_audit" | run verify --data-dir $ws --user audit
printf '%s\n' "$pw_audit" "$new_audit" | run passwd --data-dir $ws --user audit
printf '%s\n' "$new_audit" | run audit-checkpoint --data-dir $ws --user audit --pdf /root/checkpoint.pdf
printf '%s\n' "$new_audit" | run audit-export --data-dir $ws --user audit /root/audit.xlsx
printf '%s\n' "$new_audit" | run verify --data-dir $ws --user audit | tail -1

# A talk written and its sealed copy printed, on a demo workstation made by the development tree (the
# bundle carries no demo data): the case commands of app/cli_case.py, as the installed program runs them.
demo_pw='Demo-2026!'
rm -rf "$root/root/demo"
.venv/bin/python -m app create-demo --data-dir "$root/root/demo" >/dev/null
cat > "$root/root/talk.json" <<'JSON'
{"start_at": "2026-03-12 09:30", "end_at": "2026-03-12 10:40", "place": "第一谈话室",
 "interviewee_name": "王某某", "interviewee_position": "办公室主任",
 "interviewers": ["leader1", "member1"], "recorder": "member1", "classification": "秘密",
 "record": [{"question": "请介绍本单位落实中央八项规定精神的情况。", "answer": "单位建立了公务接待台账。"}]}
JSON
inspection="$(printf '%s\n' "$demo_pw" | run inspections --data-dir /root/demo --user leader1 | awk -F'\t' 'NR == 1 {print $NF}')"
talk="$(printf '%s\n' "$demo_pw" | run talk-add --data-dir /root/demo --user leader1 --inspection "$inspection" /root/talk.json | tail -1)"
printf '%s\n' "$demo_pw" | run talk-print --data-dir /root/demo --user leader1 --talk "$talk" --output /root/talk.pdf
printf '%s\n' "$demo_pw" | run verify --data-dir /root/demo --user auditor | tail -1
echo "ok: a talk written and its numbered copy printed in the root"

# Chinese input: on a real X screen (Xvfb outside the root, its socket bound in) with QT_IM_MODULE=ibus,
# the installed program loads the bundled ibus input-method plugin (fcitx5 desktops serve it through
# fcitx5's ibus front end). Typing through a running input-method daemon is not checked here.
if command -v Xvfb >/dev/null; then
  Xvfb :91 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [ -S /tmp/.X11-unix/X91 ] && break; sleep 0.1; done
  mkdir -p "$root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  loaded="$(in_root env DISPLAY=:91 QT_QPA_PLATFORM=xcb QT_IM_MODULE=ibus QT_DEBUG_PLUGINS=1 \
    XDG_DATA_HOME=/root/.local/share xuncha start-check --data-dir $ws 2>&1 \
    | grep -c 'libibusplatforminputcontextplugin.so" loaded library' || true)"
  umount -l "$root/tmp/.X11-unix"
  kill "$xvfb" 2>/dev/null || true
  [ "$loaded" -ge 1 ] || { echo "FAIL: the ibus input-method plugin did not load on an X screen" >&2; exit 1; }
  echo "ok: on an X screen with QT_IM_MODULE=ibus the bundled ibus input-method plugin loads"
else
  echo "(Xvfb not installed: the input-method plugin's loading on an X screen is not checked)"
fi

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
for pdf in checkpoint.pdf talk.pdf; do
  fonts="$(pdffonts "$root/root/$pdf" | tail -n +3)"
  echo "$fonts"
  [ -n "$fonts" ] || { echo "FAIL: $pdf has no fonts" >&2; exit 1; }
  echo "$fonts" | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' \
    || { echo "FAIL: a font of $pdf is not embedded" >&2; exit 1; }
  echo "ok: every font of $pdf is embedded"
done
pdftotext "$root/root/talk.pdf" - | grep -q "王某某" || { echo "FAIL: the talk copy lacks its text" >&2; exit 1; }
pdftotext "$root/root/talk.pdf" - | grep -q "000001" || { echo "FAIL: the talk copy lacks its copy number" >&2; exit 1; }
echo "ok: the talk copy carries its text and its copy number"
.venv/bin/python -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
print(f'ok: the xlsx opens with openpyxl: {len(wb.sheetnames)} sheet(s), {rows} rows')
" "$root/root/audit.xlsx"
echo "bundle size: $(du -sh "$root/opt/xuncha" | cut -f1) installed, .deb $(du -h "$deb" | cut -f1)," \
  "tar.gz $(du -h "dist/xuncha-$version-linux-x86_64.tar.gz" | cut -f1)"
echo "cold start to the unlock window: ${cold_ms} ms"
echo "test_bundle: 1 passed, 0 failed"
