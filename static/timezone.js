// Preselects the browser's own time zone in the time-zone selects the server
// marks with data-browser-zone (a fresh form, nothing chosen yet), when the
// list offers that zone. Without JavaScript the server's default (UTC) stays.
(function () {
	"use strict";
	var zone;
	try {
		zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	} catch (e) {
		return;
	}
	if (!zone) {
		return;
	}
	var selects = document.querySelectorAll("select[data-browser-zone]");
	for (var i = 0; i < selects.length; i++) {
		var select = selects[i];
		for (var j = 0; j < select.options.length; j++) {
			if (select.options[j].value === zone) {
				select.value = zone;
				break;
			}
		}
	}
})();
