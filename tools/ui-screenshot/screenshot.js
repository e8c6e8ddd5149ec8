// Opens DL4J's training UI model page in headless Chromium, clicks a layer in the model graph and saves a
// screenshot of its "Parameter Learning Rates" chart. See README.md in this folder for the command.
//
// usage: node screenshot.js [url] [layer name] [output png]
//   url        the UI server, default http://localhost:9000
//   layer      the layer to click in the model graph, default layer1
//   output     default ../../docs/images/ui-model-learning-rates.png
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const url = process.argv[2] || 'http://localhost:9000';
const layer = process.argv[3] || 'layer1';
const out = path.resolve(process.argv[4] || path.join(__dirname, '..', '..', 'docs', 'images', 'ui-model-learning-rates.png'));
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lrsched-ui-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--user-data-dir=' + profile],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(url + '/train/model', { waitUntil: 'networkidle0', timeout: 60000 });
    // the layer graph is drawn by cytoscape (window.cy) once /train/model/graph has answered
    await page.waitForFunction(() => window.cy && window.cy.nodes().length > 0, { timeout: 60000 });
    const target = await page.evaluate((name) => {
      const node = window.cy.nodes().filter((n) => n.data('name').includes('(' + name + ')'))[0];
      if (!node) {
        return { error: 'no layer ' + name + ' in ' + window.cy.nodes().map((n) => n.data('name')).join(', ') };
      }
      const box = document.getElementById('layers').getBoundingClientRect();
      const p = node.renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y, label: node.data('name') };
    }, layer);
    if (target.error) {
      throw new Error(target.error);
    }
    await page.mouse.click(target.x, target.y); // a real click on the node, as a user would
    // the layer's charts are filled from /train/model/data/<id>; wait until the learning-rate chart has drawn
    await page.waitForFunction(() => {
      const c = document.querySelector('#learningrate canvas.flot-base');
      return c && c.width > 0 && document.getElementById('layerDetails').offsetParent !== null;
    }, { timeout: 60000 });
    await new Promise((r) => setTimeout(r, 1500)); // the UI redraws on its 2 s refresh; let it settle
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // 1. the page as the click left it: the model graph with the layer selected, the layer's information
    await page.evaluate(() => window.scrollTo(0, 0));
    const pageShot = out.replace(/\.png$/, '-page.png');
    await page.screenshot({ path: pageShot });
    // 2. the layer's "Parameter Learning Rates" chart (heading to chart legend), in page coordinates
    const clip = await page.evaluate(() => {
      const heading = [...document.querySelectorAll('#layerDetails h2')]
        .find((h) => h.textContent.includes('Parameter Learning Rates'));
      const chart = document.getElementById('learningrate');
      const top = heading.getBoundingClientRect().top + window.scrollY;
      const r = chart.getBoundingClientRect();
      return { x: r.left + window.scrollX - 20, y: top - 10, width: r.width + 40, height: r.bottom + window.scrollY - top + 50 };
    });
    await page.screenshot({ path: out, clip, captureBeyondViewport: true });
    console.log('wrote ' + pageShot);
    console.log('clicked ' + JSON.stringify(target.label) + ', wrote ' + out);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
