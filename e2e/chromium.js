// Debian's Chromium (or $CHROMIUM), headless, with nothing reaching out to the network by itself: the
// closed network of these machines refuses such connections, many at a time.
const { chromium } = require('playwright-core');

exports.launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// What a page reports as wrong: script errors, console errors other than failed loads (answers of 401 and 404
// before a login are how our pages learn nobody is logged in), and any 5xx answer. Every answer is listed on
// stderr if the script then fails.
exports.watch = (page) => {
  const failures = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource')
    && failures.push(message.text()));
  const answers = [];
  page.on('response', (response) => {
    answers.push(response.status() + ' ' + response.request().method() + ' ' + response.url());
    if (response.status() >= 500) {
      failures.push(response.status() + ' ' + response.url());
    }
  });
  process.on('exit', (code) => code !== 0 && console.error('answers:\n' + answers.join('\n') + '\nerrors: ' + failures.join('; ')));
  return failures;
};
