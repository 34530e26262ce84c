/* Visits without signal: the visit form is kept in a queue on the phone (IndexedDB) and sent when the
   signal returns; a visit whose family changed on the server meanwhile is shown as a conflict to settle;
   after an expired login the queue waits for the next login. The offline download (the worklist with
   the families' phones) is cleared at logout. */
(function () {
  'use strict';
  var DB = 'lastmile-offline';
  var PAGES = 'lastmile-pages-v1';
  var user = meta('lastmile-user');

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  function texts() {
    var t = document.getElementById('sync-texts');
    return t ? t.dataset : {};
  }

  function fmt(text, n) {
    return (text || '').replace('{0}', n);
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore('queue', { keyPath: 'clientId' });
        request.result.createObjectStore('families', { keyPath: 'targetId' });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function store(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function all(name) { return store(name, 'readonly', function (s) { return s.getAll(); }); }
  function put(name, value) { return store(name, 'readwrite', function (s) { return s.put(value); }); }
  function remove(name, key) { return store(name, 'readwrite', function (s) { return s.delete(key); }); }
  function clear(name) { return store(name, 'readwrite', function (s) { return s.clear(); }); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function mine() {
    return all('queue').then(function (items) {
      return items.filter(function (i) { return i.user === user; });
    });
  }

  /** The bar says what waits to be sent; conflicts are listed with their two ways out. */
  function render() {
    var bar = document.getElementById('sync-bar');
    if (!bar || !user) {
      return Promise.resolve();
    }
    return mine().then(function (items) {
      var t = texts();
      var waiting = items.filter(function (i) { return i.state === 'waiting' || i.state === 'login'; });
      var login = items.some(function (i) { return i.state === 'login'; });
      var sent = justSent || window.location.search.indexOf('sent') >= 0;
      bar.textContent = login ? fmt(t.login, waiting.length) : waiting.length ? fmt(t.waiting, waiting.length) : (sent && !items.length ? t.sent || '' : '');
      var list = document.getElementById('sync-conflicts');
      if (!list) {
        return;
      }
      list.textContent = '';
      items.filter(function (i) { return i.state === 'conflict' || i.state === 'error'; }).forEach(function (item) {
        var li = document.createElement('li');
        li.className = 'card';
        var p = document.createElement('p');
        p.textContent = fmt(t.conflict, item.name + ' · ' + (item.message || ''));
        li.appendChild(p);
        var force = document.createElement('button');
        force.type = 'button';
        force.textContent = t.force;
        force.addEventListener('click', function () { send(item, true).then(render); });
        var discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'secondary';
        discard.textContent = t.discard;
        discard.addEventListener('click', function () { remove('queue', item.clientId).then(render); });
        li.appendChild(force);
        li.appendChild(discard);
        list.appendChild(li);
      });
    });
  }

  /** Sends one visit; resolves true when sending must stop for now (no signal, or a login is needed). */
  function send(item, force) {
    return fetch('/visits/sync', {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': meta('csrf-token') || '' },
      body: JSON.stringify({ visit: item.visit, seenAt: item.seenAt, force: !!force })
    }).then(function (response) {
      if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
        item.state = 'login';
        return put('queue', item).then(function () { return true; });
      }
      if (response.status === 200 || response.status === 201) {
        justSent = true;
        return remove('queue', item.clientId).then(function () { return false; });
      }
      return response.json().then(function (body) {
        item.state = response.status === 409 ? 'conflict' : 'error';
        item.errors = body.errors || [];
        item.message = item.errors.map(function (e) { return e.message; }).join(' ');
        return put('queue', item).then(function () { return false; });
      });
    }, function () {
      return true;
    });
  }

  var flushing = null;
  var justSent = false;

  /** Sends what waits, oldest first, stopping at the first sign of no signal or an expired login. */
  function flush() {
    if (!user || flushing) {
      return flushing || Promise.resolve();
    }
    flushing = mine().then(function (items) {
      items = items.filter(function (i) { return i.state === 'waiting' || i.state === 'login'; })
        .sort(function (a, b) { return a.queuedAt < b.queuedAt ? -1 : 1; });
      return items.reduce(function (previous, item) {
        return previous.then(function (stop) { return stop ? true : send(item, false); });
      }, Promise.resolve(false));
    }).then(render, render).then(function () { flushing = null; });
    return flushing;
  }

  function valueOf(form, name) {
    var field = form.elements[name];
    if (!field) {
      return null;
    }
    var value = field.value === undefined ? null : field.value;
    return value === '' ? null : value;
  }

  /** The visit form goes through the queue: sent at once with signal, kept on the phone without. */
  function visitForm(form) {
    var clientId = form.elements.clientId;
    if (clientId) {
      clientId.value = uuid(); // a cached form opened again is a new visit; the same form sent twice is one
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      if (button) {
        button.disabled = true;
      }
      var difficulties = [];
      for (var n = 1; n <= 3; n++) {
        var domain = valueOf(form, 'difficulty' + n + 'Domain');
        if (domain) {
          difficulties.push({ domain: domain, urgency: valueOf(form, 'difficulty' + n + 'Urgency'),
            description: valueOf(form, 'difficulty' + n + 'Description'),
            solvedOnSpot: form.elements['difficulty' + n + 'Solved'].checked });
        }
      }
      var needs = {};
      if (valueOf(form, 'outcome') === 'MET') {
        form.querySelectorAll('fieldset[data-need]').forEach(function (fieldset) {
          var chosen = Array.prototype.filter.call(fieldset.querySelectorAll('input'), function (i) { return i.checked; })
            .map(function (i) { return i.value; });
          if (chosen.length) {
            needs[fieldset.dataset.need] = fieldset.dataset.multiple === 'true' ? chosen : chosen[0];
          }
        });
      }
      var when = valueOf(form, 'visitedAt');
      var cash = valueOf(form, 'comfortCash');
      var item = {
        clientId: form.elements.clientId.value, user: user, state: 'waiting', queuedAt: new Date().toISOString(),
        seenAt: form.dataset.seenAt, name: (document.querySelector('h1') || {}).textContent || '',
        visit: {
          clientId: form.elements.clientId.value, targetId: Number(form.dataset.offlineVisit), mode: valueOf(form, 'mode'),
          outcome: valueOf(form, 'outcome'), visitedAt: when ? new Date(when).toISOString() : null, visitors: valueOf(form, 'visitors'),
          note: valueOf(form, 'note'), comfortGoods: valueOf(form, 'comfortGoods'), comfortCash: cash === null ? null : Number(cash),
          nextContactOn: valueOf(form, 'nextContactOn'), difficulties: difficulties, statusNeeds: needs
        }
      };
      // Through the same flush as everything else, so that the visit is never sent twice at once.
      put('queue', item).then(flush).then(function () {
        return mine().then(function (items) {
          var left = items.filter(function (i) { return i.clientId === item.clientId; })[0];
          if (left && left.state === 'error') {
            // The server refused the visit as it stands: show why, each reason linked to its field, and let the worker
            // correct it and send again.
            remove('queue', item.clientId);
            showErrors(form, left.errors || []);
            if (button) {
              button.disabled = false;
            }
            return;
          }
          window.location.href = '/worklist' + (!left ? '?sent' : '');
        });
      });
    });
  }

  /** The field a server error names: difficulties[0].description is the first difficulty's description. */
  function fieldId(field) {
    var m = /^difficulties\[(\d)\]\.(\w)(\w*)$/.exec(field);
    if (m) {
      return 'difficulty' + (Number(m[1]) + 1) + m[2].toUpperCase() + m[3];
    }
    return field.replace(/^difficulties$/, 'difficulty1').replace(/^statusNeeds\./, 'sn-');
  }

  /** The error summary at the top of the form, each reason a link to its field, focused for screen readers. */
  function showErrors(form, errors) {
    var old = document.getElementById('visit-errors');
    if (old) {
      old.remove();
    }
    var box = document.createElement('div');
    box.id = 'visit-errors';
    box.className = 'error-summary';
    box.setAttribute('role', 'alert');
    box.tabIndex = -1;
    var list = document.createElement('ul');
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + fieldId(e.field);
      a.textContent = e.message;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    form.parentNode.insertBefore(box, form);
    box.focus();
  }

  /** The worklist with the families' phones kept on the phone, and these pages cached for use without signal. */
  function download(button) {
    button.addEventListener('click', function () {
      fetch('/worklist/offline.json', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          return clear('families').then(function () {
            return Promise.all(data.families.map(function (f) { f.user = data.user; f.seenAt = data.seenAt; return put('families', f); }));
          }).then(function () {
            var urls = ['/worklist'].concat(data.families.map(function (f) {
              return '/visits/new?target=' + f.targetId;
            }));
            var assets = ['/css/app.css', '/js/offline.js', '/webjars/htmx.org/dist/htmx.min.js'];
            return Promise.all([caches.open(PAGES).then(function (cache) { return cache.addAll(urls); }),
              caches.open('lastmile-assets-v1').then(function (cache) { return cache.addAll(assets); })]);
          });
        })
        .then(function () { button.textContent = button.dataset.done; showCalls(); },
          function () { button.textContent = button.dataset.failed; });
    });
  }

  function showCalls() {
    var t = texts();
    all('families').then(function (families) {
      families.filter(function (f) { return f.user === user && f.phone; }).forEach(function (f) {
        document.querySelectorAll('.call[data-person="' + f.personId + '"]').forEach(function (p) {
          p.textContent = '';
          var a = document.createElement('a');
          a.href = 'tel:' + f.phone;
          a.textContent = t.call + ' ' + f.phone;
          p.appendChild(a);
        });
      });
    });
  }

  /** Logging out clears the offline download (the queue stays, to be sent at the next login of the same worker). */
  function logout(form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.cleared) {
        return;
      }
      event.preventDefault();
      Promise.all([clear('families'), window.caches ? caches.delete(PAGES) : Promise.resolve()]).then(done, done);
      function done() {
        form.dataset.cleared = 'true';
        form.submit();
      }
    });
  }

  /** Another worker's download on this phone is removed before anything is shown (their unsent visits stay theirs). */
  function forgetOthers() {
    return all('families').then(function (families) {
      if (families.some(function (f) { return f.user !== user; })) {
        return Promise.all([clear('families'), window.caches ? caches.delete(PAGES) : Promise.resolve()]);
      }
    });
  }

  if ('serviceWorker' in navigator && user) {
    navigator.serviceWorker.register('/sw.js').catch(function () { /* pages still work online */ });
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (!window.indexedDB) {
      return;
    }
    if (!user) {
      return;
    }
    forgetOthers().then(function () {
      var form = document.querySelector('form[data-offline-visit]');
      if (form) {
        visitForm(form);
      }
      var button = document.getElementById('offline-download');
      if (button) {
        download(button);
        showCalls();
      }
      document.querySelectorAll('form.logout').forEach(logout);
      flush();
      window.addEventListener('online', flush);
    });
  });
})();
