(function () {
  var cfg = JSON.parse(document.getElementById('review-config').textContent);
  var L = cfg.labels;
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Plan-Extract-Token': cfg.token},
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (j) { j.ok = r.ok && j.ok; return j; }); });
  }
  var pending = cfg.pending;
  var bar = el('div', {id: 'review-bar', role: 'region', 'aria-label': L.rerun});
  bar.appendChild(el('span', {}, L.bar));
  var rerun = el('button', {type: 'button', id: 'review-rerun'}, L.rerun);
  var pendingText = el('span', {id: 'review-pending'});
  var status = el('span', {id: 'review-status', role: 'status'}, cfg.lastChange);
  bar.appendChild(rerun); bar.appendChild(pendingText); bar.appendChild(status);
  document.body.insertBefore(bar, document.body.firstChild);
  // L.pending: the sentence for one decision, and for more (the rule of ja and en)
  function showPending() { pendingText.textContent = pending ? L.pending[pending === 1 ? 0 : 1].replace('{n}', pending) : ''; }
  showPending();
  rerun.addEventListener('click', function () {
    rerun.disabled = true; status.textContent = L.rerunning;
    post('api/rerun', {}).then(function (j) {
      if (j.ok) { location.reload(); } else { status.textContent = j.error; rerun.disabled = false; }
    }, function () { status.textContent = L.failed; rerun.disabled = false; });
  });
  function form(card, kind, build) {
    var f = el('form', {'class': 'review ' + kind, 'data-kind': kind});
    var said = el('p', {'class': 'said', role: 'status'});
    build(f);
    f.appendChild(said);
    f.addEventListener('submit', function (ev) {
      ev.preventDefault();
      // the finding by its content as this page was given it, never by its row number
      var named = cfg.findings[parseInt(card.dataset.finding, 10)] || {};
      var body = {};
      Object.keys(named).forEach(function (k) { body[k] = named[k]; });
      new FormData(f).forEach(function (v, k) { body[k] = v; });
      var button = f.querySelector('button');
      button.disabled = true;
      post('api/' + kind, body).then(function (j) {
        said.classList.toggle('bad', !j.ok);
        said.textContent = j.ok ? L.saved.replace('{file}', j.file) : L.refused.replace('{reason}', j.error);
        if (j.ok) { pending += 1; showPending(); f.querySelectorAll('input').forEach(function (i) { i.disabled = true; }); }
        else { button.disabled = false; }
      });
    });
    card.appendChild(f);
  }
  function input(f, name, label, value) {
    var i = el('input', {type: 'text', name: name, 'aria-label': label, placeholder: label});
    if (value) i.value = value;
    f.appendChild(i);
    return i;
  }
  document.querySelectorAll('.finding[data-finding]').forEach(function (card) {
    if (card.dataset.accepted === 'true') return;
    if (card.dataset.action === 'variant') {
      form(card, 'variant', function (f) {
        var set = el('fieldset', {});
        set.appendChild(el('legend', {}, L.variantChoose));
        JSON.parse(card.dataset.spellings).forEach(function (s, n) {
          var label = el('label', {});
          var radio = el('input', {type: 'radio', name: 'canonical', value: s});
          if (n === 0) radio.checked = true;
          label.appendChild(radio); label.appendChild(document.createTextNode(' ' + s + ' '));
          set.appendChild(label);
        });
        f.appendChild(set);
        input(f, 'note', L.variantNote, L.variantDefaultNote);
        f.appendChild(el('button', {type: 'submit'}, L.variantSave));
      });
    }
    if (card.dataset.action === 'department') {
      form(card, 'department', function (f) {
        f.appendChild(el('span', {'class': 'said'}, L.deptTitle.replace('{abbr}', card.dataset.key)));
        input(f, 'bureau', L.deptBureau);
        input(f, 'section', L.deptSection);
        input(f, 'canonical', L.deptCanonical);
        input(f, 'note', L.deptNote, L.deptDefaultNote);
        f.appendChild(el('button', {type: 'submit'}, L.deptSave));
      });
    }
    form(card, 'accept', function (f) {
      input(f, 'note', L.acceptNote);
      f.appendChild(el('button', {type: 'submit'}, L.accept));
    });
  });
  document.querySelectorAll('#profile-levels tr[data-scheme]').forEach(function (row) {
    var cell = el('td', {});
    var f = el('form', {'class': 'review level', 'data-kind': 'level'});
    var said = el('p', {'class': 'said', role: 'status'});
    var note = el('input', {type: 'text', name: 'note', 'aria-label': L.levelNote, placeholder: L.levelNote});
    note.value = L.levelDefaultNote;
    f.appendChild(note);
    ['goal', 'policy'].forEach(function (level) {
      var b = el('button', {type: 'button', 'data-level': level}, level === 'goal' ? L.levelGoal : L.levelPolicy);
      b.addEventListener('click', function () {
        b.disabled = true;
        post('api/level', {level: level, scheme: row.dataset.scheme, note: note.value}).then(function (j) {
          said.classList.toggle('bad', !j.ok);
          said.textContent = j.ok ? L.saved.replace('{file}', j.file) : L.refused.replace('{reason}', j.error);
          if (j.ok) { pending += 1; showPending(); } else { b.disabled = false; }
        });
      });
      f.appendChild(b);
    });
    f.appendChild(said);
    cell.appendChild(f);
    row.appendChild(cell);
  });
  document.querySelectorAll('a.page-link').forEach(function (a) {
    a.href = 'source.pdf?token=' + encodeURIComponent(cfg.token) + '#page=' + a.dataset.page;
    a.target = '_blank';
  });
})();
