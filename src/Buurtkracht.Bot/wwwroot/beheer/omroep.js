// The delivery report of a broadcast: asks the server for the counts every few seconds until every chat is final.
(function () {
    "use strict";
    var report = document.getElementById("rapport");
    if (!report) return;
    var url = report.getAttribute("data-counts-url");
    var note = document.getElementById("rapport-bijgewerkt");
    var fields = ["status", "targets", "pending", "delivered", "failed", "unreachable"];

    function show(counts) {
        fields.forEach(function (name) {
            var cell = report.querySelector('[data-field="' + name + '"]');
            if (cell && counts[name] !== undefined) cell.textContent = String(counts[name]);
        });
        report.setAttribute("data-final", counts.final ? "true" : "false");
        if (note) note.textContent = (document.documentElement.lang === "en" ? "Updated at " : "Bijgewerkt om ") + new Date().toLocaleTimeString();
    }

    function poll() {
        if (report.getAttribute("data-final") === "true") return;
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (counts) { if (counts) show(counts); })
            .catch(function () { /* try again on the next round */ })
            .then(function () { window.setTimeout(poll, 3000); });
    }

    window.setTimeout(poll, 3000);
})();
