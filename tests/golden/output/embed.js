// Pillar's one-line embed. On your page:
//   <div data-pillar-embed data-region="Texas › Austin" data-lock="region"></div>
//   <script src="/embed.js" async></script>
// Each such element (also one added to the page later) becomes a frame showing the finder of
// Golden Test Directory, preset (and optionally locked) by its data-* attributes. The frame fits its content,
// shrinking as well as growing. A result opens inside the frame; with data-open="top" it opens in the
// whole window instead. Messages are only taken from the frame's own window at this site's origin, and
// they only ever carry sizes and positions.
(function () {
  var script = document.currentScript;
  var base = new URL(script ? script.src : location.href);
  var origin = base.origin;
  var root = base.href.replace(/embed\.js(\?.*)?$/, '');
  var languages = ["en"];
  var PRESETS = ['kind', 'q', 'near', 'radius', 'sort', 'day', 'time', 'fellowship', 'attendance', 'type', 'region',
    'language', 'service_type', 'cost', 'serves', 'platform', 'always', 'lock', 'accent', 'bg', 'fg', 'link', 'open'];
  var MARGIN = 16; // px kept above a part of the frame the host scrolls to
  var frames = [];

  function build(element) {
    if (element.getAttribute('data-pillar-ready')) return;
    element.setAttribute('data-pillar-ready', '1');
    var params = new URLSearchParams();
    PRESETS.forEach(function (name) {
      var value = element.getAttribute('data-' + name.replace(/_/g, '-'));
      if (value === null || value === '') return;
      if (name === 'type') value.split(',').forEach(function (code) { params.append('type', code.trim()); });
      else params.set(name, value);
    });
    var lang = element.getAttribute('data-lang');
    var prefix = lang && lang !== languages[0] && languages.indexOf(lang) > 0 ? lang + '/' : '';
    var frame = document.createElement('iframe');
    frame.src = root + prefix + 'embed/' + (params.toString() ? '?' + params.toString() : '');
    frame.title = element.getAttribute('data-title') || 'Find a meeting';
    frame.loading = 'lazy';
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = '600px'; // until the frame says how tall its content is
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.allow = 'geolocation';
    element.appendChild(frame);
    frames.push({ frame: frame, titled: element.hasAttribute('data-title') });
  }

  function scan() {
    frames = frames.filter(function (entry) { return entry.frame.isConnected; });
    var found = document.querySelectorAll('[data-pillar-embed]');
    for (var i = 0; i < found.length; i++) build(found[i]);
  }

  function number(value) {
    var n = Number(value);
    return isFinite(n) ? Math.max(0, Math.min(n, 100000)) : 0;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data !== 'object') return;
    var entry = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].frame.contentWindow === event.source) entry = frames[i];
    }
    if (!entry || !event.source) return;
    var frame = entry.frame;
    if (data.type === 'pillar:height') {
      var height = number(data.height);
      if (height > 0) frame.style.height = height + 'px';
      if (!entry.titled && typeof data.title === 'string' && data.title) frame.title = data.title.slice(0, 200);
    } else if (data.type === 'pillar:show') {
      // Bring the part of the frame the visitor moved to (a listing, or the row they came back to) into view.
      var box = frame.getBoundingClientRect();
      var top = box.top + number(data.top);
      var bottom = box.top + Math.max(number(data.bottom), number(data.top));
      if (top < 0 || bottom > window.innerHeight) window.scrollBy(0, top - MARGIN);
    }
  });

  scan();
  if (window.MutationObserver) new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
})();