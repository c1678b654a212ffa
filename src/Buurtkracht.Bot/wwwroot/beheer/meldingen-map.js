// The meldingen map: tiles and marker data come from data-* attributes on #kaart (the CSP allows no inline script).
(function () {
    'use strict';
    var element = document.getElementById('kaart');
    if (!element || typeof L === 'undefined') return;

    // Alblasserdam, when there is nothing to show.
    var map = L.map(element).setView([51.862, 4.665], 13);
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || '' }).addTo(map);

    fetch(element.dataset.markers, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
            if (!response.ok) throw new Error('HTTP ' + response.status);
            return response.json();
        })
        .then(function (markers) {
            var bounds = [];
            markers.forEach(function (m) {
                // Built with DOM nodes, never HTML strings: category names come from the database.
                var popup = document.createElement('div');
                var link = document.createElement('a');
                link.href = m.url;
                link.textContent = m.reference;
                var details = document.createElement('div');
                details.textContent = m.category + ' – ' + m.status;
                popup.appendChild(link);
                popup.appendChild(details);
                L.marker([m.lat, m.lon], { title: m.reference, alt: m.reference }).bindPopup(popup).addTo(map);
                bounds.push([m.lat, m.lon]);
            });
            element.dataset.count = String(markers.length);
            if (bounds.length > 0) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
        })
        .catch(function () {
            element.dataset.count = 'error';
            var note = document.createElement('p');
            note.setAttribute('role', 'alert');
            note.textContent = document.documentElement.lang === 'en' ? 'The map could not be loaded.' : 'De kaart kon niet worden geladen.';
            element.parentNode.insertBefore(note, element);
        });
})();
