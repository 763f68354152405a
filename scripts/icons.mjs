// Renders public/icon.svg into the PNG and ICO files browsers ask for (run after editing the SVG):
// node scripts/icons.mjs. Chromium draws the SVG, so the bitmaps match the vector icon exactly.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve('public');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
// A touch icon is cut to the platform's own shape, so it gets square corners and no transparency.
const square = svg.replace(/rx="\d+"/, 'rx="0"');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
const page = await browser.newPage();
async function png(source, size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
  );
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

fs.writeFileSync(path.join(dir, 'apple-touch-icon.png'), await png(square, 180));
for (const size of [192, 512]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), await png(svg, size));

// favicon.ico: an icon directory whose entries are PNGs (every browser since Vista-era IE reads them).
const sizes = [16, 32, 48];
const images = [];
for (const size of sizes) images.push(await png(svg, size));
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size, at);
  header.writeUInt8(size, at + 1);
  header.writeUInt16LE(1, at + 4);
  header.writeUInt16LE(32, at + 6);
  header.writeUInt32LE(images[i].length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += images[i].length;
});
fs.writeFileSync(path.join(dir, 'favicon.ico'), Buffer.concat([header, ...images]));
await browser.close();
console.log('Wrote apple-touch-icon.png, icon-192.png, icon-512.png and favicon.ico in public/.');
