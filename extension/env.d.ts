// Types WXT generates from the entrypoints and the message catalogue (`wxt prepare`, run by postinstall):
// typed browser.runtime.getURL paths, browser.i18n.getMessage keys and import.meta.env.
/// <reference path="../.wxt/wxt.d.ts" />
