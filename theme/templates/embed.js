// Pillar's one-line embed. On your page:
//   <div data-pillar-embed data-region="Texas › Austin" data-lock="region"></div>
//   <script src="{{ SITEURL or '' }}/embed.js" async></script>
// Each such element becomes a frame showing the finder of {{ SITENAME }}, preset (and optionally
// locked) by its data-* attributes, that grows to fit its content. Messages are only taken from the
// frame's own window at this site's origin.
(function () {
  var script = document.currentScript;
  var base = new URL(script ? script.src : location.href);
  var origin = base.origin;
  var root = base.href.replace(/embed\.js(\?.*)?$/, '');
  var languages = {{ pillar_languages|list|tojson }};
  var PRESETS = ['kind', 'q', 'near', 'radius', 'sort', 'day', 'time', 'fellowship', 'attendance', 'type', 'region',
    'language', 'service_type', 'cost', 'serves', 'platform', 'always', 'lock', 'accent', 'bg', 'fg', 'link'];
  var frames = [];

  function build(element) {
    if (element.dataset.pillarReady) return;
    element.dataset.pillarReady = '1';
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
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.minHeight = '420px';
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.allow = 'geolocation';
    element.appendChild(frame);
    frames.push(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data || event.data.type !== 'pillar:height') return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        var height = Number(event.data.height);
        if (height > 0 && height < 100000) frame.style.height = height + 'px';
      }
    });
  });

  document.querySelectorAll('[data-pillar-embed]').forEach(build);
})();
