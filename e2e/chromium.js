// Debian's Chromium (or $CHROMIUM), headless, with nothing reaching out to the network by itself: the
// closed network of these machines refuses such connections, many at a time.
const { chromium } = require('playwright-core');

exports.launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
