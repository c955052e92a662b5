#!/usr/bin/env bash
# Regenerates the bundled sample images in src/samples/images/.
#
# ONLY NEEDED TO REGENERATE THE SAMPLES. The generated images are committed, so
# building, testing and running the demo (mvn -B package cargo:run) needs none
# of the tools below.
#
# Needs (Debian 12 "bookworm" package names):
#   imagemagick        ImageMagick 6 `convert` (PNG, JPEG, GIF, WebP, ICO)
#   webp               `cwebp` (WebP encoder)
#   libavif-bin        `avifenc` (AVIF encoder)
#   fonts-dejavu-core  DejaVu Sans fonts for the text labels
#   coreutils          sha256sum (always present)
# e.g.: apt-get update && apt-get install -y imagemagick webp libavif-bin fonts-dejavu-core
#
# Usage: src/samples/generate.sh   (from anywhere; REPLACES src/samples/images/
#        entirely, so anything added there by hand is deleted)
#
# Determinism: every image is drawn from fixed parameters (noise uses a fixed
# -seed, ImageMagick runs single-threaded), metadata is stripped (-strip, PNG
# date/time chunks excluded, no EXIF/XMP in WebP/AVIF), so running the script
# twice on the same machine gives byte-identical files. Bytes can differ
# between *versions* of ImageMagick, libpng/zlib, libjpeg-turbo, libwebp,
# libaom or FreeType (text rendering); the files were generated with the
# Debian 12 packages (ImageMagick 6.9.11, libwebp 1.2.4, libavif 0.11.1).
# The fingerprinted logo name (logo.<sha256[0:8]>.png) follows its bytes, so
# a different toolchain may produce a different logo file name.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/images"
font_bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

need() { command -v "$1" >/dev/null 2>&1 || { echo "generate.sh: '$1' not found (install package: $2)" >&2; exit 1; }; }
need convert imagemagick
convert -version 2>/dev/null | grep -q '^Version: ImageMagick' \
  || { echo "generate.sh: 'convert' is not ImageMagick's (install package: imagemagick)" >&2; exit 1; }
need cwebp webp
need avifenc libavif-bin
need sha256sum coreutils
for f in "$font" "$font_bold"; do
  [ -r "$f" ] || { echo "generate.sh: font $f not found (install package: fonts-dejavu-core)" >&2; exit 1; }
done

# Single-threaded ImageMagick, so that seeded noise and OpenMP-parallel
# operators cannot vary from run to run.
export MAGICK_THREAD_LIMIT=1 OMP_NUM_THREADS=1
# Fixed time for anything that would still embed "now".
export SOURCE_DATE_EPOCH=0 TZ=UTC

# Options applied to every raster written by ImageMagick.
strip_png=(-strip -quality 95 -define png:exclude-chunks=date,time,tIME,tEXt,zTXt,iTXt)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

rm -rf "$out"
mkdir -p "$out/gallery"

# ---------------------------------------------------------------- top level --

# hero.jpg: a large (1600x1000) landscape: sky gradient, sun, two mountain
# ranges, film grain and a caption. The large JPEG (~230 KB).
convert -size 1600x1000 gradient:'#1e3c72-#f7b267' \
  -fill '#ffe08a' -draw 'circle 1150,520 1150,400' \
  -fill '#fff3c4' -draw 'circle 1150,520 1150,460' \
  -fill '#3b3561' -draw 'polygon 0,1000 0,640 180,520 360,610 560,430 760,590 960,470 1180,640 1380,540 1600,620 1600,1000' \
  -fill '#22203f' -draw 'polygon 0,1000 0,780 240,680 460,760 700,650 940,790 1160,700 1400,800 1600,720 1600,1000' \
  -seed 1 -attenuate 0.4 +noise Gaussian \
  -font "$font_bold" -pointsize 96 -fill 'rgba(255,255,255,0.92)' -gravity northwest \
  -annotate +80+80 'Pixmesh sample' \
  -font "$font" -pointsize 36 -fill 'rgba(255,255,255,0.85)' \
  -annotate +84+200 'hero.jpg  1600 x 1000  JPEG' \
  -strip -sampling-factor 4:2:0 -quality 82 -interlace none \
  "$out/hero.jpg"

# logo.<hash>.png: 256x256 round logo with a transparent background; its
# name carries the first 8 hex digits of its SHA-256 (an immutable asset).
convert -size 256x256 radial-gradient:'#5ee7df-#2b5876' \
  \( -size 256x256 xc:black -fill white -draw 'circle 128,128 128,6' \) \
  -alpha off -compose CopyOpacity -composite -compose Over \
  -fill none -stroke white -strokewidth 10 -draw 'circle 128,128 128,40' \
  -stroke none -fill white -font "$font_bold" -pointsize 120 -gravity center \
  -annotate +0+4 'P' \
  "${strip_png[@]}" PNG32:"$tmp/logo.png"
logo_hash="$(sha256sum "$tmp/logo.png" | cut -c1-8)"
cp "$tmp/logo.png" "$out/logo.$logo_hash.png"

# banner.webp: 800x200 banner, lossy WebP via cwebp (metadata none).
convert -size 800x200 gradient:'#ff6a88-#6a82fb' -rotate 90 -resize 800x200\! \
  -fill 'rgba(255,255,255,0.25)' -draw 'circle 90,100 90,20' -draw 'circle 720,40 720,-40' \
  -draw 'circle 640,190 640,130' \
  -font "$font_bold" -pointsize 56 -fill white -gravity center -annotate +40+0 'Pixmesh sample' \
  "${strip_png[@]}" PNG24:"$tmp/banner.png"
cwebp -quiet -q 80 -m 6 -metadata none "$tmp/banner.png" -o "$out/banner.webp"

# icon.svg: hand-written SVG (text, so byte-identical by construction).
cat > "$out/icon.svg" <<'SVG'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-labelledby="title desc">
  <title id="title">Pixmesh sample icon</title>
  <desc id="desc">A teal disc with a white ring and the letter P, used as a Pixmesh sample image.</desc>
  <defs>
    <radialGradient id="bg" cx="50%" cy="40%" r="60%">
      <stop offset="0" stop-color="#5ee7df"/>
      <stop offset="1" stop-color="#2b5876"/>
    </radialGradient>
  </defs>
  <circle cx="64" cy="64" r="62" fill="url(#bg)"/>
  <circle cx="64" cy="64" r="44" fill="none" stroke="#ffffff" stroke-width="5"/>
  <text x="64" y="84" font-family="DejaVu Sans, Verdana, sans-serif" font-weight="bold" font-size="60" text-anchor="middle" fill="#ffffff">P</text>
</svg>
SVG

# favicon.ico: 16, 32 and 48 px icons in one ICO, from the logo.
convert "$tmp/logo.png" -define icon:auto-resize=48,32,16 -strip "$out/favicon.ico"

# ------------------------------------------------------------------ gallery --

# gallery/waves.png: 480x320 truecolour PNG of layered sine waves over a
# gradient, with light grain (the ~48 KB file).
convert -size 480x320 gradient:'#0f2027-#2c5364' \
  \( -size 480x320 xc:none -fill 'rgba(94,231,223,0.55)' \
     -draw "polygon 0,320 $(for x in $(seq 0 16 480); do printf '%d,%d ' "$x" "$(awk -v x="$x" 'BEGIN{printf "%d", 180+40*sin(x/60)}')"; done)480,320" \) \
  -composite \
  \( -size 480x320 xc:none -fill 'rgba(255,178,103,0.6)' \
     -draw "polygon 0,320 $(for x in $(seq 0 16 480); do printf '%d,%d ' "$x" "$(awk -v x="$x" 'BEGIN{printf "%d", 240+30*sin(x/45+1.3)}')"; done)480,320" \) \
  -composite \
  -seed 2 -attenuate 0.08 +noise Uniform \
  -font "$font_bold" -pointsize 28 -fill white -gravity northwest -annotate +20+20 'Pixmesh sample: waves' \
  "${strip_png[@]}" PNG24:"$out/gallery/waves.png"

# gallery/swatches.png: small 8-bit palette PNG of colour swatches.
convert -size 40x40 \
  xc:'#e63946' xc:'#f1faee' xc:'#a8dadc' xc:'#457b9d' xc:'#1d3557' xc:'#ffb703' +append \
  \( +clone -flop \) -append \
  -bordercolor white -border 4 \
  "${strip_png[@]}" PNG8:"$out/gallery/swatches.png"

# gallery/shapes.gif: 4-frame animated GIF (a square, circle and triangle
# taking turns), 160x120.
frames=()
for i in 0 1 2 3; do
  hue=$(( i * 90 ))
  convert -size 160x120 xc:'#f4f1de' \
    -fill "hsl($hue,70%,50%)" -draw "rectangle $((10 + i * 8)),20 $((60 + i * 8)),70" \
    -fill "hsl($(( (hue + 120) % 360 )),70%,45%)" -draw "circle 110,$((40 + i * 10)) 110,$((15 + i * 10))" \
    -fill "hsl($(( (hue + 240) % 360 )),70%,40%)" -draw "polygon 20,110 60,$((80 - i * 5)) 100,110" \
    -font "$font" -pointsize 11 -fill '#3d405b' -gravity southeast -annotate +4+2 "Pixmesh $((i + 1))/4" \
    "$tmp/frame$i.png"
  frames+=("$tmp/frame$i.png")
done
convert -delay 50 -loop 0 "${frames[@]}" -strip +dither -colors 32 -layers Optimize "$out/gallery/shapes.gif"

# gallery/checker.jpg: small JPEG, a checkerboard with a diagonal gradient.
convert -size 320x240 pattern:checkerboard -auto-level \
  \( -size 320x240 gradient:'#8ecae6-#023047' \) -compose Multiply -composite \
  -font "$font_bold" -pointsize 22 -fill white -gravity south -annotate +0+10 'Pixmesh sample' \
  -strip -sampling-factor 4:2:0 -quality 85 "$out/gallery/checker.jpg"

# gallery/sunset.avif: 480x320 AVIF via avifenc (single-threaded, no metadata).
convert -size 480x320 gradient:'#ff7e5f-#feb47b' \
  -fill '#fff1c1' -draw 'circle 240,230 240,170' \
  -fill '#2d3047' -draw 'rectangle 0,240 480,320' \
  -font "$font_bold" -pointsize 26 -fill white -gravity north -annotate +0+20 'Pixmesh sample: sunset' \
  "${strip_png[@]}" PNG24:"$tmp/sunset.png"
avifenc --jobs 1 --speed 6 --min 20 --max 30 --ignore-exif --ignore-xmp --ignore-icc \
  "$tmp/sunset.png" "$out/gallery/sunset.avif" >/dev/null

# gallery/grid.svg: hand-written SVG of a 4x3 tile grid.
cat > "$out/gallery/grid.svg" <<'SVG'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-labelledby="title">
  <title id="title">Pixmesh sample: tile grid</title>
  <rect width="256" height="256" fill="#1d3557"/>
  <g stroke="#f1faee" stroke-width="4">
    <rect x="8" y="8" width="54" height="54" fill="#e63946"/>
    <rect x="70" y="8" width="54" height="54" fill="#a8dadc"/>
    <rect x="132" y="8" width="54" height="54" fill="#457b9d"/>
    <rect x="194" y="8" width="54" height="54" fill="#ffb703"/>
    <rect x="8" y="70" width="54" height="54" fill="#a8dadc"/>
    <rect x="70" y="70" width="54" height="54" fill="#457b9d"/>
    <rect x="132" y="70" width="54" height="54" fill="#ffb703"/>
    <rect x="194" y="70" width="54" height="54" fill="#e63946"/>
    <rect x="8" y="132" width="54" height="54" fill="#457b9d"/>
    <rect x="70" y="132" width="54" height="54" fill="#ffb703"/>
    <rect x="132" y="132" width="54" height="54" fill="#e63946"/>
    <rect x="194" y="132" width="54" height="54" fill="#a8dadc"/>
  </g>
  <text x="128" y="232" font-family="DejaVu Sans, Verdana, sans-serif" font-size="24" text-anchor="middle" fill="#f1faee">Pixmesh sample</text>
</svg>
SVG

echo "generate.sh: wrote $(find "$out" -type f | wc -l) files to $out (logo.$logo_hash.png)"
