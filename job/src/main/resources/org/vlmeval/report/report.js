(function () {
  'use strict';
  var form = document.getElementById('filters');
  var cases = Array.prototype.slice.call(document.querySelectorAll('article.case'));
  var shownCount = document.getElementById('shown-count');
  var caseCount = document.getElementById('case-count');
  var answerCount = document.getElementById('answer-count');

  function boxes(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
  }
  function checked(name) {
    var out = {};
    boxes(name).forEach(function (b) {
      if (b.checked) {
        out[b.value] = true;
      }
    });
    return out;
  }
  function allChecked(name) {
    return boxes(name).every(function (b) { return b.checked; });
  }

  function apply() {
    var models = checked('model');
    var verdicts = checked('verdict');
    var category = form.elements.category.value;
    var shown = 0;
    var answers = 0;
    cases.forEach(function (c) {
      var any = false;
      Array.prototype.forEach.call(c.querySelectorAll('.answer'), function (a) {
        var ok = models[a.getAttribute('data-model')] === true &&
          a.getAttribute('data-verdicts').split(' ').some(function (v) { return verdicts[v] === true; });
        a.hidden = !ok;
        if (ok) {
          any = true;
          answers++;
        }
      });
      Array.prototype.forEach.call(c.querySelectorAll('.answer-absent'), function (a) {
        a.hidden = models[a.getAttribute('data-model')] !== true;
      });
      var visible = any && (category === '' || c.getAttribute('data-category') === category);
      c.hidden = !visible;
      if (visible) {
        shown++;
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll('table [data-model]'), function (row) {
      row.classList.toggle('dimmed', models[row.getAttribute('data-model')] !== true);
    });
    shownCount.textContent = String(shown);
    caseCount.textContent = String(cases.length);
    answerCount.textContent = String(answers);
    writeHash();
  }

  function writeHash() {
    var parts = [];
    if (!allChecked('model')) {
      parts.push('model=' + Object.keys(checked('model')).map(encodeURIComponent).join(','));
    }
    if (form.elements.category.value !== '') {
      parts.push('category=' + encodeURIComponent(form.elements.category.value));
    }
    if (!allChecked('verdict')) {
      parts.push('verdict=' + Object.keys(checked('verdict')).map(encodeURIComponent).join(','));
    }
    var hash = parts.length ? '#' + parts.join('&') : '';
    if (hash !== location.hash && (hash !== '' || location.hash !== '#')) {
      try {
        history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
      } catch (e) {
        // Some browsers refuse replaceState on file: URLs; the filters still work.
      }
    }
  }

  function readHash() {
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          params[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
        } catch (e) {
          // A malformed hash is ignored.
        }
      }
    });
    ['model', 'verdict'].forEach(function (name) {
      if (params[name] !== undefined) {
        var wanted = {};
        params[name].split(',').forEach(function (v) { wanted[v] = true; });
        boxes(name).forEach(function (b) { b.checked = wanted[b.value] === true; });
      }
    });
    if (params.category !== undefined) {
      var select = form.elements.category;
      var known = Array.prototype.some.call(select.options, function (o) {
        return o.value === params.category;
      });
      select.value = known ? params.category : '';
    }
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', function () {
    readHash();
    apply();
  });
  readHash();
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
