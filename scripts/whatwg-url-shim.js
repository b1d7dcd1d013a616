// Bundled in place of `whatwg-url`. node-fetch 2 uses `require('url').URL || whatwgUrl.URL`, and Node
// (>= 10) always has the built-in URL, so the package's code never runs in the extension host. Its
// dependency tr46 alone is 265 KB of Unicode tables: two thirds of the minified bundle.
'use strict';
module.exports = { URL: require('url').URL, URLSearchParams: require('url').URLSearchParams };
