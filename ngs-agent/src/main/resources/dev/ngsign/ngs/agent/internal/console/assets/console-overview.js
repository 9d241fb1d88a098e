// The overview's 15-minute charts (uPlot), fed by /overview/series every 5 s. No inline script:
// the console's CSP is default-src 'self'.
(function () {
  "use strict";
  var root = document.getElementById("charts");
  if (!root || typeof uPlot === "undefined") {
    return;
  }
  var url = root.getAttribute("data-series");
  var plots = {};
  var charts = [
    { id: "traffic", title: "Reports and ACKs per minute", unit: "",
      series: [["reports", "reports", "#1a56db"], ["acks", "ACKs", "#137333"]] },
    { id: "ack", title: "insert→ACK latency (ms)", unit: " ms",
      series: [["ackP50", "p50", "#1a56db"], ["ackP99", "p99", "#c5221f"]] },
    { id: "report", title: "ACK→report latency (ms)", unit: " ms",
      series: [["reportP50", "p50", "#1a56db"], ["reportP99", "p99", "#c5221f"]] }
  ];

  function container(account) {
    var all = root.querySelectorAll("div.chart-account");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-account") === account) {
        return all[i];
      }
    }
    var div = document.createElement("div");
    div.className = "chart-account";
    div.setAttribute("data-account", account);
    var h = document.createElement("h3");
    h.textContent = account;
    div.appendChild(h);
    var row = document.createElement("div");
    row.className = "chart-row";
    div.appendChild(row);
    root.appendChild(div);
    return div;
  }

  function draw(account, minutes, data) {
    var box = container(account);
    var row = box.querySelector("div.chart-row");
    charts.forEach(function (c) {
      var key = account + "\u0000" + c.id;
      var rows = [minutes].concat(c.series.map(function (s) { return data[s[0]]; }));
      if (plots[key]) {
        plots[key].setData(rows);
        return;
      }
      var cell = document.createElement("div");
      cell.className = "chart";
      cell.setAttribute("data-chart", c.id);
      row.appendChild(cell);
      var opts = {
        title: c.title,
        width: Math.max(280, Math.floor((root.clientWidth - 48) / 3)),
        height: 180,
        series: [{}].concat(c.series.map(function (s) {
          return { label: s[1], stroke: s[2], width: 2, spanGaps: false,
                   value: function (u, v) { return v == null ? "–" : v + c.unit; } };
        })),
        axes: [{}, { size: 60 }],
        scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } }
      };
      plots[key] = new uPlot(opts, rows, cell);
    });
  }

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) {
          return;
        }
        Object.keys(j.accounts).forEach(function (a) { draw(a, j.minutes, j.accounts[a]); });
        root.setAttribute("data-loaded", String(Date.now()));
      })
      .catch(function () { /* the next refresh tries again */ });
  }

  refresh();
  setInterval(refresh, 5000);
})();
