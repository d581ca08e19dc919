/* kg page: builds the vis network from the JSON in #kg-data.
   Every article-derived string reaches the DOM through textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);

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

  var labels = {};
  data.nodes.forEach(function (n) { labels[n.id] = n.kg.label; });

  function nodeTip(n) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("div", "kg-tip-head", n.kg.label));
    row(tip, "Type", n.kg.type);
    n.kg.roles.forEach(function (role) { row(tip, "Role", role); });
    if (n.kg.aliases.length) { row(tip, "Also", n.kg.aliases.join("; ")); }
    row(tip, "Mentions", n.kg.mentions);
    row(tip, "Interactions", n.kg.degree);
    return tip;
  }

  function edgeTip(e) {
    var k = e.kg, tip = el("div", "kg-tip");
    var arrow = k.symmetric ? " \u2194 " : " \u2192 ";
    tip.appendChild(el("div", "kg-tip-head", labels[e.from] + arrow + k.relation + arrow + labels[e.to]));
    row(tip, "Class", k.type + (k.plover ? " (PLOVER " + k.plover + ")" : ""));
    row(tip, "Modality", k.modality);
    var when = k.date || k.date_text;
    if (k.date && k.date_text && k.date_text !== k.date) { when = k.date + " (" + k.date_text + ")"; }
    row(tip, "Date", when);
    row(tip, "Place", k.place);
    row(tip, "According to", k.attribution);
    k.evidence.forEach(function (ev) {
      var box = el("div", "kg-tip-evidence");
      box.appendChild(el("div", "kg-tip-sentence", "\u201c" + ev.sentence + "\u201d"));
      var where = ev.document || "";
      if (ev.begin !== null && ev.end !== null) { where += " [" + ev.begin + "\u2013" + ev.end + "]"; }
      box.appendChild(el("div", "kg-tip-doc", where));
      tip.appendChild(box);
    });
    return tip;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: nodeTip(n) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, { title: edgeTip(e), hidden: false });
  }));
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgStabilized = false;

  var container = document.getElementById("kg-graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNetwork = network;

  function settle() {
    if (window.kgStabilized) { return; }
    network.setOptions({ physics: false });
    window.kgStabilized = true;
  }
  network.once("stabilizationIterationsDone", settle);
  if (data.nodes.length === 0) { settle(); }

  // summary
  function summarise() {
    var shown = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    var text = data.nodes.length + " actors \u00b7 " + data.edges.length + " interactions";
    if (shown !== data.edges.length) { text += " (" + shown + " shown)"; }
    document.getElementById("kg-summary").textContent = text;
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

  // filters: modality and class checkboxes (the modality and class lists double as the legend)
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

  function applyFilters() {
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: !(active.modality[e.kg.modality] && active.type[e.kg.type]) };
    }));
    summarise();
  }

  // relation labels on and off (off at first on large graphs)
  var labelBox = document.getElementById("kg-labels");
  labelBox.checked = data.labels;
  labelBox.addEventListener("change", function (event) {
    var show = event.target.checked;
    edges.update(data.edges.map(function (e) { return { id: e.id, label: show ? e.kg.relation : "" }; }));
  });

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
      network.unselectAll();
      status.textContent = search.value.trim() ? "No actor matches." : "";
      return;
    }
    network.selectNodes([found.id]);
    network.focus(found.id, { scale: 1.2, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    status.textContent = found.kg.label + " (" + found.kg.type + ")";
  }
  document.getElementById("kg-search-go").addEventListener("click", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); runSearch(); }
  });
  search.addEventListener("change", runSearch);

  summarise();
})();
