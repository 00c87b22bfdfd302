#!/bin/sh
# install-deps.sh - install the Debian packages kostec-pipe needs, if missing.
#   install-deps.sh            build and test dependencies
#   install-deps.sh --samples  also what `make samples` needs (LibreOffice, Chromium, fonts)
#   install-deps.sh --bench    also the peers `make bench` measures against
#   install-deps.sh --fuzz     also clang and its libFuzzer runtime (`make fuzz`)
# Uses apt-get when root, sudo otherwise; says clearly when neither works.
set -eu

pkgs="build-essential pkg-config libpoppler-glib-dev libpoppler-private-dev libcairo2-dev
libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-kor
tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng
tesseract-ocr-script-hang libxml2-dev libxml2-utils poppler-utils qpdf libqpdf-dev nettle-dev
python3 valgrind parallel chromium imagemagick time openssh-server
openssh-client"
case "${1-}" in
--samples) pkgs="$pkgs libreoffice-writer-nogui fonts-nanum fonts-noto-cjk
fonts-unfonts-core" ;;
--fuzz) pkgs="$pkgs clang libclang-rt-14-dev" ;;
--bench) pkgs="$pkgs python3-pdfminer python3-fitz ocrmypdf linux-perf time" ;;
esac

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	as_root=sudo
else
	echo "install-deps: missing Debian packages:$missing" >&2
	echo "install-deps: not root and no usable sudo; install them and run again" >&2
	exit 1
fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq >&2
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing >&2
