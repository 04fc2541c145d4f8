#!/usr/bin/env bash
# Draws Tend's icon — a speech bubble with a sprout, on a green-teal rounded square — with
# ImageMagick primitives, and writes every size the platforms need:
#   build/appicon.png                                  1024 px master (Wails, macOS .icns)
#   build/windows/icon.ico                             16–256 px (exe, installer, shortcuts)
#   build/linux/icons/hicolor/<N>x<N>/apps/tend.png    16–512 px (the .deb)
# The outputs are committed; rerun this only to change the design:  build/scripts/dist-icon.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v convert >/dev/null || { echo "dist-icon: ImageMagick's convert is missing (apt-get install imagemagick)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

s=1024
# Background: a rounded square, lighter green at the top, deep teal at the bottom.
convert -size ${s}x${s} gradient:'#36c79c'-'#0c6658' grad.png
convert -size ${s}x${s} xc:none -fill white -draw "roundrectangle 40,40 983,983 210,210" mask.png
convert grad.png mask.png -alpha off -compose CopyOpacity -composite bg.png
# A soft shadow under the bubble, then the bubble with its tail.
convert -size ${s}x${s} xc:none -fill 'rgba(0,40,30,0.35)' \
  -draw "roundrectangle 196,236 828,744 170,170" -draw "path 'M 320,700 L 280,850 L 470,730 Z'" \
  -blur 0x18 shadow.png
convert -size ${s}x${s} xc:none -fill '#fffdf6' \
  -draw "roundrectangle 196,200 828,708 170,170" \
  -draw "path 'M 320,650 C 318,740 300,790 262,832 C 350,822 430,780 480,700 Z'" bubble.png
# The sprout: a mound of soil, a stem and two leaves.
convert -size ${s}x${s} xc:none \
  -fill '#bfe6d2' -draw "path 'M 392,628 C 430,586 594,586 632,628 Z'" \
  -fill none -stroke '#1d8a66' -strokewidth 38 -draw "stroke-linecap round" \
  -draw "path 'M 512,606 C 512,550 506,500 512,452'" \
  -stroke none -fill '#35b87f' -draw "path 'M 508,520 C 430,530 322,488 310,368 C 420,360 504,418 508,520 Z'" \
  -fill '#1f9a70' -draw "path 'M 512,462 C 530,350 626,286 736,294 C 736,410 640,474 512,462 Z'" sprout.png
convert bg.png shadow.png -composite bubble.png -composite sprout.png -composite -strip master.png

mkdir -p "$root/build/windows"
convert master.png -strip -depth 8 -define png:compression-level=9 "$root/build/appicon.png"
convert master.png -depth 8 -define icon:auto-resize=256,128,64,48,32,24,16 "$root/build/windows/icon.ico"
for n in 16 24 32 48 64 128 256 512; do
  dir=$root/build/linux/icons/hicolor/${n}x${n}/apps
  mkdir -p "$dir"
  convert master.png -filter Lanczos -resize ${n}x${n} -strip -depth 8 -define png:compression-level=9 "$dir/tend.png"
done
echo "dist-icon: wrote build/appicon.png, build/windows/icon.ico and build/linux/icons/hicolor/*/apps/tend.png"
