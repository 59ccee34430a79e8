// The OCR worker thread: tesseract.js's own worker script, with the engine's chatter left out of the server's
// output. Leptonica reports "Error in boxClipToRectangle: box outside rectangle" for harmless cases on nearly every
// card (a text box touching the image's edge), and tesseract prints "Detected 12 diacritics" on accented text; real
// failures reach the pool as rejected jobs instead.
'use strict';

const CHATTER = /^(?:(?:Error|Warning) in [A-Za-z]+: |Detected \d+ diacritics)/;
/** The engine binds console.log and console.error when it loads (after this), so it writes through these filters. */
function quiet(print) {
  return (...args) => {
    if (typeof args[0] === 'string' && CHATTER.test(args[0])) return;
    print(...args);
  };
}
console.log = quiet(console.log.bind(console));
console.error = quiet(console.error.bind(console));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS worker script, loaded by file name
require(require.resolve('tesseract.js/src/worker-script/node/index.js'));
