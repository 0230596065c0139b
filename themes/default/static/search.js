// camnang search box: progressive enhancement of the home page. Without
// this script the full list of procedures is there; with it a box appears
// that finds procedures as the resident types, with or without tones.
(function () {
  'use strict';
  var box = document.getElementById('search');
  if (!box || !window.fetch || !''.normalize) {
    // too old a browser: leave the full list alone
    document.documentElement.className = document.documentElement.className.replace(' js', '');
    return;
  }
  var input = box.querySelector('input');
  var list = box.querySelector('ol');
  var status = box.querySelector('[aria-live]');
  var index = null;
  var loading = null;
  var WEIGHT = [10, 6, 3, 1]; // title, keywords, summary and category, body

  // tones and marks of Latin letters off, đ as d, lower case; letters of
  // other scripts (Khmer, Chinese, Cyrillic) kept with their marks, as the
  // index keeps them
  function fold(s) {
    return s.normalize('NFD').replace(/([\x00-\u024f])[\u0300-\u036f]+/g, '$1').replace(/[\u0111\u0110]/g, 'd').normalize('NFC').toLowerCase();
  }
  function words(s) {
    var out = [];
    fold(s).split(/[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u3000-\u303f\uff01-\uff0f]+/).forEach(function (w) {
      // a Latin word's letters and digits apart from its other marks
      if (/^[\x00-\u024f]+$/.test(w)) {
        w.split(/[^a-z0-9]+/).forEach(function (x) { if (x) out.push(x); });
      } else if (w) {
        out.push(w);
      }
    });
    return out;
  }
  function load() {
    if (!loading) {
      loading = fetch(box.getAttribute('data-index'))
        .then(function (r) { return r.json(); })
        .then(function (j) {
          index = {
            syn: j.syn || [],
            docs: j.docs.map(function (d) {
              return { t: d.t, u: d.u, c: d.c, f: d.f.map(function (x) { return x.split(' '); }) };
            })
          };
          run();
        })
        .catch(function () { loading = null; });
    }
    return loading;
  }
  // the query, and the query with each synonym put in place of another
  function variants(q) {
    var base = ' ' + words(q).join(' ') + ' ';
    var out = [base];
    index.syn.forEach(function (group) {
      group.forEach(function (a) {
        if (base.indexOf(' ' + a + ' ') < 0) return;
        group.forEach(function (b) {
          if (b !== a) out.push(base.replace(' ' + a + ' ', ' ' + b + ' '));
        });
      });
    });
    return out.map(function (v) { return v.trim().split(' ').filter(Boolean); });
  }
  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      for (var f = 0; f < doc.f.length && !best; f++) {
        for (var w = 0; w < doc.f[f].length; w++) {
          // a word's beginning; inside a word of a script written without
          // spaces (Khmer, Chinese), anywhere
          var at = doc.f[f][w].indexOf(terms[i]);
          if (at === 0 || (at > 0 && /[^\x00-\u024f]/.test(terms[i]))) { best = WEIGHT[f]; break; }
        }
      }
      if (!best) return 0;
      total += best;
    }
    return total;
  }
  function run() {
    var q = input.value;
    list.textContent = '';
    if (!index || !words(q).length) { status.textContent = ''; return; }
    var vs = variants(q);
    var hits = [];
    index.docs.forEach(function (d, i) {
      var s = 0;
      vs.forEach(function (v) { if (v.length) s = Math.max(s, score(d, v)); });
      if (s) hits.push([s, i]);
    });
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    hits.slice(0, 30).forEach(function (h) {
      var d = index.docs[h[1]];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = d.u;
      a.textContent = d.t;
      var c = document.createElement('span');
      c.className = 'hint';
      c.textContent = d.c;
      li.appendChild(a);
      li.appendChild(c);
      list.appendChild(li);
    });
    status.textContent = hits.length
      ? box.getAttribute('data-found').replace('{n}', hits.length)
      : box.getAttribute('data-none');
  }
  input.addEventListener('focus', load);
  input.addEventListener('input', function () { if (index) run(); else load(); });
  if (input.value) load();
})();
