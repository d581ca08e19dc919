/* kg page: builds the vis network from the JSON in #kg-data.
   Every article-derived string reaches the DOM through textContent only. */
(function () {
  "use strict";
  // milliseconds since navigation start, for the benchmark (bench/bench_draw.py)
  var times = window.kgTimes = { script: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var NODE_FONT = "#222222", DIM_FONT = "rgba(34,34,34,0.22)";
  var DIM = 0.12, EDGE_OPACITY = 0.9, NODE_DIM = 0.18;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function row(parent, key, value) {
    if (value === undefined || value === null || value === "") { return; }
    var line = el("div", "kg-tip-row");
    line.appendChild(el("span", "kg-tip-key", key + ": "));
    line.appendChild(el("span", null, value));
    parent.appendChild(line);
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function nameOf(id) { return byId[id] ? byId[id].kg.label : id; }

  function nodeTip(n) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("div", "kg-tip-head", n.kg.label));
    row(tip, "Type", n.kg.type);
    n.kg.roles.forEach(function (role) { row(tip, "Role", role); });
    if (n.kg.aliases.length) { row(tip, "Also called", n.kg.aliases.join("; ")); }
    row(tip, "Mentions", n.kg.mentions);
    row(tip, "Interactions", n.kg.degree);
    return tip;
  }

  function when(k) {
    if (k.date && k.date_text && k.date_text !== k.date) { return k.date + " (" + k.date_text + ")"; }
    return k.date || k.date_text;
  }

  function edgeTip(e) {
    var k = e.kg, tip = el("div", "kg-tip");
    var arrow = k.symmetric ? " \u2194 " : " \u2192 ";
    tip.appendChild(el("div", "kg-tip-head", nameOf(e.from) + arrow + k.relation + arrow + nameOf(e.to)));
    row(tip, "Class", k.type + (k.plover ? " (PLOVER " + k.plover + ")" : ""));
    row(tip, "Modality", k.modality);
    row(tip, "Date", when(k));
    row(tip, "Place", k.place);
    row(tip, "According to", k.attribution);
    row(tip, "Evidence", k.evidence.length + (k.evidence.length === 1 ? " sentence" : " sentences"));
    k.evidence.forEach(function (ev) {
      var box = el("div", "kg-tip-evidence");
      box.appendChild(el("div", "kg-tip-sentence", "\u201c" + ev.sentence + "\u201d"));
      var where = ev.document || "";
      if (ev.begin !== null && ev.end !== null) { where += " [" + ev.begin + "\u2013" + ev.end + "]"; }
      if (ev.title) { box.appendChild(el("div", "kg-tip-doc", ev.title)); }
      box.appendChild(el("div", "kg-tip-doc", where));
      if (ev.published) { box.appendChild(el("div", "kg-tip-doc", "published " + ev.published)); }
      tip.appendChild(box);
    });
    return tip;
  }

  var labelBox = document.getElementById("kg-labels");
  var nodeLabelBox = document.getElementById("kg-node-labels");
  labelBox.checked = data.labels;
  nodeLabelBox.checked = data.nodeLabels;

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: nodeTip(n), label: data.nodeLabels ? n.kg.label : "",
                                  hidden: false });
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, { title: edgeTip(e), hidden: false });
  }));
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgStabilized = false;

  var summary = document.getElementById("kg-summary");
  var container = document.getElementById("kg-graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNetwork = network;
  times.network = performance.now();

  // physics runs a bounded number of iterations, then the layout freezes
  function settle() {
    if (window.kgStabilized) { return; }
    network.setOptions({ physics: false });
    times.stabilized = performance.now();
    window.kgStabilized = true;
    summarise();
  }
  network.on("stabilizationProgress", function (p) {
    summary.textContent = "Laying out " + data.nodes.length + " actors\u2026 " +
      Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  if (data.nodes.length === 0) { settle(); }

  function summarise() {
    if (!window.kgStabilized) { return; }
    var shown = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    var text = data.nodes.length + " actors \u00b7 " + data.edges.length + " interactions";
    if (shown !== data.edges.length) { text += " (" + shown + " shown)"; }
    summary.textContent = text;
  }

  // legend of actor types
  var typeList = document.getElementById("kg-legend-types");
  data.legend.types.forEach(function (t) {
    var li = el("li");
    var glyph = el("span", "kg-glyph", t.glyph);
    glyph.style.color = t.color;
    li.appendChild(glyph);
    li.appendChild(el("span", null, t.name));
    li.appendChild(el("span", "kg-count", t.count));
    typeList.appendChild(li);
  });

  // filters: modality and class checkboxes (the lists double as the legend), and dates
  var active = { modality: {}, type: {} };
  function lineStyle(color, dashes) {
    if (!dashes || !dashes.length) { return color; }
    var stops = [], at = 0;
    dashes.forEach(function (len, i) {
      var paint = i % 2 === 0 ? color : "transparent";
      stops.push(paint + " " + at + "px " + (at + len) + "px");
      at += len;
    });
    return "repeating-linear-gradient(90deg, " + stops.join(", ") + ")";
  }
  function filterList(listId, field, items) {
    var list = document.getElementById(listId);
    items.forEach(function (item) {
      active[field][item.name] = true;
      var li = el("li"), label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = item.name;
      box.id = "kg-" + field + "-" + item.name;
      box.addEventListener("change", function () {
        active[field][item.name] = box.checked;
        applyFilters();
      });
      var line = el("span", "kg-line");
      line.style.background = lineStyle(item.color, item.dashes);
      label.appendChild(box);
      label.appendChild(line);
      label.appendChild(el("span", null, item.name));
      li.appendChild(label);
      li.appendChild(el("span", "kg-count", item.count));
      list.appendChild(li);
    });
  }
  filterList("kg-filter-modality", "modality", data.legend.modalities);
  filterList("kg-filter-class", "type", data.legend.classes);

  var dateFrom = document.getElementById("kg-date-from");
  var dateTo = document.getElementById("kg-date-to");
  var undated = document.getElementById("kg-date-undated");
  document.getElementById("kg-date-undated-count").textContent = data.dates.undated;
  [dateFrom, dateTo].forEach(function (input) {
    if (data.dates.first) {
      input.min = data.dates.first;
      input.max = data.dates.last;
    } else {
      input.disabled = true;
    }
    input.addEventListener("change", applyFilters);
    input.addEventListener("input", applyFilters);
  });
  if (data.dates.first) {
    dateFrom.value = data.dates.first;
    dateTo.value = data.dates.last;
  }
  undated.addEventListener("change", applyFilters);
  document.getElementById("kg-date-note").textContent = data.dates.first
    ? data.dates.dated + " interactions dated " + data.dates.first + " to " + data.dates.last +
      " (their own date, else the article's)."
    : "No interaction has a calendar date (nor has its article).";

  function dateShown(k) {
    if (!k.day) { return undated.checked; }
    return (!dateFrom.value || k.day >= dateFrom.value) && (!dateTo.value || k.day <= dateTo.value);
  }

  // only what changes is sent to vis: on thousands of edges that is what keeps it quick
  var edgeHidden = {}, nodeHidden = {};
  function applyFilters() {
    var degree = {}, edgeChanges = [], nodeChanges = [];
    data.edges.forEach(function (e) {
      var shown = active.modality[e.kg.modality] && active.type[e.kg.type] && dateShown(e.kg);
      if (shown) {
        degree[e.from] = (degree[e.from] || 0) + 1;
        degree[e.to] = (degree[e.to] || 0) + 1;
      }
      if (!shown !== (edgeHidden[e.id] === true)) {
        edgeHidden[e.id] = !shown;
        edgeChanges.push({ id: e.id, hidden: !shown });
      }
    });
    // actors left without a shown interaction are hidden too (isolated ones stay)
    data.nodes.forEach(function (n) {
      var hide = n.kg.degree > 0 && !degree[n.id];
      if (hide !== (nodeHidden[n.id] === true)) {
        nodeHidden[n.id] = hide;
        nodeChanges.push({ id: n.id, hidden: hide });
      }
    });
    if (edgeChanges.length) { edges.update(edgeChanges); }
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    summarise();
  }

  // labels on and off (off at first on large graphs)
  labelBox.addEventListener("change", function () {
    var show = labelBox.checked;
    edges.update(data.edges.map(function (e) { return { id: e.id, label: show ? e.kg.label : "" }; }));
  });
  nodeLabelBox.addEventListener("change", function () {
    var show = nodeLabelBox.checked;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, label: show ? n.kg.label : "" }; }));
  });

  // selection: the actor, its partners and their interactions stay bright, the rest dims;
  // the side panel lists the interactions
  var dimNodes = {}, dimEdges = {};
  function shade(near, touching) {
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var dim = near !== null && near[n.id] !== true;
      if (dim !== (dimNodes[n.id] === true)) {
        dimNodes[n.id] = dim;
        nodeChanges.push({ id: n.id, opacity: dim ? NODE_DIM : 1, font: { color: dim ? DIM_FONT : NODE_FONT } });
      }
    });
    data.edges.forEach(function (e) {
      var dim = touching !== null && touching[e.id] !== true;
      if (dim !== (dimEdges[e.id] === true)) {
        dimEdges[e.id] = dim;
        edgeChanges.push({ id: e.id, color: Object.assign({}, e.color, { opacity: dim ? DIM : EDGE_OPACITY }),
                           font: { color: dim ? DIM_FONT : e.font.color } });
      }
    });
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    if (edgeChanges.length) { edges.update(edgeChanges); }
  }
  function highlight(id) {
    var near = {}, touching = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (other) { near[other] = true; });
    network.getConnectedEdges(id).forEach(function (edge) { touching[edge] = true; });
    shade(near, touching);
  }
  function undim() { shade(null, null); }

  var details = document.getElementById("kg-details");
  var detailsList = document.getElementById("kg-details-list");
  function showDetails(id) {
    var n = byId[id];
    document.getElementById("kg-details-name").textContent = n.kg.label;
    var about = [n.kg.type].concat(n.kg.roles);
    if (n.kg.aliases.length) { about.push("also " + n.kg.aliases.join(", ")); }
    document.getElementById("kg-details-about").textContent = about.join(" \u00b7 ");
    while (detailsList.firstChild) { detailsList.removeChild(detailsList.firstChild); }
    var mine = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    mine.sort(function (a, b) {
      var pa = nameOf(a.from === id ? a.to : a.from), pb = nameOf(b.from === id ? b.to : b.from);
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
    if (!mine.length) { detailsList.appendChild(el("li", null, "No interactions.")); }
    mine.forEach(function (e) {
      var outgoing = e.from === id, other = outgoing ? e.to : e.from;
      var li = el("li");
      var how = e.kg.symmetric ? "\u2194 " + e.kg.relation : outgoing ? "\u2192 " + e.kg.relation : "\u2190 " + e.kg.relation;
      li.appendChild(el("span", "kg-how", how + " "));
      var partner = el("span", "kg-partner", nameOf(other));
      partner.addEventListener("click", function () { select(other); });
      li.appendChild(partner);
      var notes = [];
      if (e.kg.modality !== "asserted") { notes.push(e.kg.modality); }
      if (when(e.kg)) { notes.push(when(e.kg)); }
      if (notes.length) {
        var cls = e.dashes ? "kg-not-fact" : "kg-how";
        li.appendChild(el("span", cls, " (" + notes.join(", ") + ")"));
      }
      detailsList.appendChild(li);
    });
    details.hidden = false;
  }
  function clearSelection() {
    network.unselectAll();
    details.hidden = true;
    undim();
  }
  function select(id) {
    network.selectNodes([id]);
    var scale = Math.max(network.getScale(), 1.0);
    network.focus(id, { scale: scale, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showDetails(id);
    highlight(id);
  }
  window.kgSelect = select;
  network.on("selectNode", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); highlight(params.nodes[0]); }
  });
  network.on("deselectNode", function (params) {
    if (!params.nodes.length) { details.hidden = true; undim(); }
  });
  document.getElementById("kg-details-close").addEventListener("click", clearSelection);

  // search: exact label, then alias, then substring of label or alias
  var datalist = document.getElementById("kg-actor-list");
  data.nodes.forEach(function (n) {
    var option = el("option");
    option.value = n.kg.label;
    datalist.appendChild(option);
  });
  function findActor(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (n) { return n.kg.label.toLowerCase() === q; },
      function (n) { return n.kg.aliases.some(function (a) { return a.toLowerCase() === q; }); },
      function (n) { return n.kg.label.toLowerCase().indexOf(q) >= 0; },
      function (n) { return n.kg.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; }); }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = data.nodes.filter(tests[i]);
      if (hit.length) { return hit[0]; }
    }
    return null;
  }
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  function runSearch() {
    var found = findActor(search.value);
    if (!found) {
      clearSelection();
      status.textContent = search.value.trim() ? "No actor matches." : "";
      return;
    }
    select(found.id);
    status.textContent = found.kg.label + " (" + found.kg.type + ")";
  }
  document.getElementById("kg-search-go").addEventListener("click", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); runSearch(); }
  });
  search.addEventListener("change", runSearch);

  summarise();
})();
