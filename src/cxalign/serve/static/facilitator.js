// The facilitator's progress table, refreshed every 2 s from status.json (never an answer).
(function () {
  "use strict";
  var d = document.body.dataset;
  var states = {not_started: d.notStarted, in_progress: d.inProgress, submitted: d.submitted, unreadable: d.unreadable};
  var url = window.location.pathname.replace(/\/$/, "") + "/status.json";
  function when(iso) {
    if (!iso) { return "—"; }
    var t = new Date(iso);
    return isNaN(t) ? iso : t.toLocaleString(document.documentElement.lang, {dateStyle: "short", timeStyle: "short"});
  }
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;  // user text is data: never innerHTML
    if (cls) { td.className = cls; }
    tr.appendChild(td);
  }
  function show(data) {
    var body = document.getElementById("rows");
    var rows = [];
    data.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.className = "state-" + r.state;
      cell(tr, r.name); cell(tr, r.role); cell(tr, states[r.state] || r.state);
      cell(tr, r.answered + " / " + r.total, "num"); cell(tr, r.online ? d.yes : d.no);
      cell(tr, when(r.last_save), "time");
      rows.push(tr);
    });
    body.replaceChildren.apply(body, rows);
    document.getElementById("summary").textContent = data.summary;
    document.getElementById("stale").hidden = true;
  }
  function poll() {
    fetch(url, {cache: "no-store"}).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(show).catch(function () { document.getElementById("stale").hidden = false; });
  }
  document.querySelectorAll("td.time").forEach(function (td) { td.textContent = when(td.dataset.time); });
  setInterval(poll, 2000);
})();
