/*
 * Affinity recommendations: fills each "Affinity recommendations" app block on the page
 * (blocks/recommendations.liquid) with products from Affinity, asked through the shop's app proxy
 * (GET <proxy path>/recommendations, same origin, signed by Shopify on the way). docs/shopify-app.md.
 *
 * - The shopper is named by the pixel client id, read from the `_affinity_cid` cookie that Affinity's web
 *   pixel writes (Shopify stopped setting `_shopify_y` on 2026-01-01; it is still read where it exists).
 *   Shopify adds the logged-in customer id itself; cookies do not cross the proxy.
 * - The product on the page is named by its numeric id and its handle in one request: Affinity reads the
 *   handle when it does not know the id (a catalog imported from a CSV export is keyed by handle).
 * - Each card links to the product and shows its image, title, price (in the shopper's currency when the
 *   shop has one) and the reason Affinity gives, quoted as it comes. Text goes in with textContent only.
 *   An estimated price says what it is (priceNote): converted into the shopper's currency, or shown in
 *   another currency (the shop's) than the one the shopper pays in at checkout.
 * - When the list enters the viewport it publishes `affinity:recommendations_viewed`, and on a click
 *   `affinity:recommendation_clicked`, with Shopify.analytics.publish: the shop's pixels receive them.
 *   At start it publishes `affinity:localization` with the storefront's country, which Affinity's pixel
 *   adds to the visitor's events (extensions/affinity-pixel/src/country.ts).
 * - Affinity slow or down: after TIMEOUT_MS (or the block's `data-timeout-ms`) the request is abandoned
 *   and the block stays hidden; no error is thrown or logged. `data-affinity-state` says what happened
 *   (loading, shown, empty, failed), for themes that style the states.
 */
(function () {
  'use strict';

  var TIMEOUT_MS = 2500;
  var CLIENT_ID_COOKIES = ['_affinity_cid', '_shopify_y'];
  var VIEWED = 'affinity:recommendations_viewed';
  var CLICKED = 'affinity:recommendation_clicked';
  var LOCALIZATION = 'affinity:localization';

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split(';') : [];
    for (var i = 0; i < parts.length; i++) {
      var kv = parts[i].trim();
      if (kv.indexOf(name + '=') === 0) {
        try {
          return decodeURIComponent(kv.slice(name.length + 1));
        } catch (e) {
          return '';
        }
      }
    }
    return '';
  }

  function clientId() {
    for (var i = 0; i < CLIENT_ID_COOKIES.length; i++) {
      var v = readCookie(CLIENT_ID_COOKIES[i]);
      if (v && v.length <= 200) return v;
    }
    return '';
  }

  /** The request's query: which signals each kind of list uses is documented in the block's schema. */
  function queryOf(d) {
    var q = new URLSearchParams();
    var kind = d.kind || 'for_you';
    if (d.productId) q.set('product_id', d.productId);
    else if (d.productHandle) q.set('product_id', d.productHandle);
    // A catalog imported from a CSV export knows products by handle: Affinity reads it when it does not know the id.
    if (d.productId && d.productHandle) q.set('product_handle', d.productHandle);
    if (kind !== 'also_like' && d.cart) q.set('cart', d.cart);
    var limit = parseInt(d.limit, 10);
    q.set('limit', String(limit >= 1 && limit <= 24 ? limit : 4));
    if (kind !== 'bought_together') {
      var id = clientId();
      if (id) q.set('client_id', id);
    }
    if (/^[A-Za-z]{2}$/.test(d.country || '')) q.set('country', d.country);
    if (/^[A-Za-z]{3}$/.test(d.currency || '')) q.set('currency', d.currency);
    // The storefront's language (Liquid `request.locale`): the reasons are written in it (English or Spanish).
    if (/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(d.locale || '')) q.set('locale', d.locale);
    return q;
  }

  /** A link target on this storefront: a path, or an http(s) URL of this origin. */
  function safeHref(url, handle) {
    if (typeof url === 'string' && /^\/(?!\/)/.test(url)) return url;
    if (typeof url === 'string') {
      try {
        var u = new URL(url, location.href);
        if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === location.origin) return u.pathname + u.search;
      } catch (e) {
        /* not a URL */
      }
    }
    return typeof handle === 'string' && /^[\w-]+$/.test(handle) ? '/products/' + handle : '';
  }

  /** An image source: https, protocol-relative (Shopify's CDN) or a path on this storefront. */
  function safeSrc(src) {
    return typeof src === 'string' && /^(https:\/\/|\/\/|\/)/i.test(src) ? src : '';
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /**
   * The tooltip of an estimated price, from the price's currency and the shopper's (`data-currency`, the
   * storefront's localization): the same currency means Affinity converted it ("Estimated in your
   * currency"); another means it is shown as the shop prices it (its base currency), not in the one the
   * shopper pays in; an unknown currency on either side gets neither claim. A price that is not estimated
   * has no tooltip.
   */
  function priceNote(price, shopperCurrency, notes) {
    if (!price || !price.estimated) return '';
    var shown = typeof price.currency === 'string' && /^[A-Za-z]{3}$/.test(price.currency) ? price.currency.toUpperCase() : '';
    var theirs = /^[A-Za-z]{3}$/.test(shopperCurrency || '') ? shopperCurrency.toUpperCase() : '';
    if (shown && theirs && shown === theirs) return notes.estimatedHere;
    if (shown && theirs) return notes.otherCurrency.split('[shown]').join(shown).split('[theirs]').join(theirs);
    return notes.estimated;
  }

  /** The notes in the storefront's language (the block renders them from locales/), English where a theme gave none. */
  function notesOf(d) {
    return {
      estimatedHere: d.noteEstimatedHere || 'Estimated in your currency; the final price is shown at checkout.',
      otherCurrency: d.noteOtherCurrency || 'Price in [shown], not in your currency; checkout shows the price you pay in [theirs].',
      estimated: d.noteEstimated || 'Estimated price; the final price is shown at checkout.',
    };
  }

  function card(item, position, shopperCurrency, notes) {
    var li = el('li', 'affinity-recs__item');
    var a = el('a', 'affinity-card');
    a.href = item.href;
    a.setAttribute('data-product-id', item.productId);
    a.setAttribute('data-position', String(position));
    var media = el('div', 'affinity-card__media');
    var src = safeSrc(item.image);
    if (src) {
      var img = el('img', 'affinity-card__image');
      img.src = src;
      img.alt = '';
      img.loading = 'lazy';
      img.width = 360;
      img.height = 360;
      media.appendChild(img);
    }
    a.appendChild(media);
    a.appendChild(el('span', 'affinity-card__title', item.title));
    if (item.price && typeof item.price.formatted === 'string') {
      var price = el('span', 'affinity-card__price', item.price.formatted);
      var note = priceNote(item.price, shopperCurrency, notes);
      if (note) price.title = note;
      a.appendChild(price);
    }
    if (typeof item.reason === 'string' && item.reason) a.appendChild(el('span', 'affinity-card__reason', item.reason));
    li.appendChild(a);
    return li;
  }

  function publish(name, data) {
    var analytics = window.Shopify && window.Shopify.analytics;
    if (!analytics || typeof analytics.publish !== 'function') return;
    try {
      analytics.publish(name, data);
    } catch (e) {
      /* the shop's analytics must never break the page */
    }
  }

  function render(root, body) {
    var list = root.querySelector('.affinity-recs__list');
    var raw = body && Array.isArray(body.items) ? body.items : [];
    var items = [];
    for (var i = 0; i < raw.length; i++) {
      var it = raw[i];
      if (!it || typeof it.productId !== 'string' || typeof it.title !== 'string' || it.available === false) continue;
      var href = safeHref(it.url, it.handle);
      if (!href) continue;
      items.push({ productId: it.productId, title: it.title, href: href, image: it.image, price: it.price, reason: it.reason });
    }
    if (!list || items.length === 0) {
      root.setAttribute('data-affinity-state', 'empty');
      return;
    }
    var fragment = document.createDocumentFragment();
    var notes = notesOf(root.dataset);
    for (var j = 0; j < items.length; j++) fragment.appendChild(card(items[j], j + 1, root.dataset.currency, notes));
    list.appendChild(fragment);
    root.hidden = false;
    root.setAttribute('data-affinity-state', 'shown');

    var d = root.dataset;
    // `list` is the answer's recommendationId when it has one (Affinity counts the list as viewed), else the block's kind.
    var recId = body && typeof body.recommendationId === 'string' ? body.recommendationId : null;
    var base = { list: recId || d.kind || 'for_you', sourceProductId: d.productId || null };
    var ids = items.map(function (x) {
      return x.productId;
    });
    list.addEventListener('click', function (e) {
      var a = e.target && e.target.closest ? e.target.closest('a.affinity-card') : null;
      if (!a) return;
      publish(CLICKED, { list: base.list, sourceProductId: base.sourceProductId, productId: a.getAttribute('data-product-id'), position: Number(a.getAttribute('data-position')), url: a.getAttribute('href') });
    });
    if (typeof IntersectionObserver !== 'function') return;
    var observer = new IntersectionObserver(
      function (entries) {
        for (var k = 0; k < entries.length; k++) {
          if (entries[k].isIntersecting) {
            observer.disconnect();
            publish(VIEWED, { list: base.list, sourceProductId: base.sourceProductId, productIds: ids });
            return;
          }
        }
      },
      { threshold: 0.5 },
    );
    observer.observe(list);
  }

  function load(root) {
    if (root.getAttribute('data-affinity-state')) return;
    root.setAttribute('data-affinity-state', 'loading');
    if (typeof fetch !== 'function' || typeof URLSearchParams !== 'function') {
      root.setAttribute('data-affinity-state', 'failed');
      return;
    }
    var d = root.dataset;
    var path = (d.proxyPath || '/apps/affinity').replace(/\/+$/, '');
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var expired = false;
    var wait = parseInt(d.timeoutMs, 10);
    var timer = setTimeout(function () {
      expired = true;
      if (controller) controller.abort();
    }, wait > 0 ? wait : TIMEOUT_MS);
    var fail = function () {
      clearTimeout(timer);
      root.setAttribute('data-affinity-state', 'failed');
    };
    var init = { headers: { accept: 'application/json' }, credentials: 'same-origin' };
    if (controller) init.signal = controller.signal;
    var ask = function (q) {
      return fetch(path + '/recommendations?' + q.toString(), init).then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.json();
      });
    };
    var q = queryOf(d);
    ask(q)
      .then(function (body) {
        if (expired) return fail();
        clearTimeout(timer);
        render(root, body);
      })
      .catch(fail);
  }

  function start(scope) {
    var roots = (scope || document).querySelectorAll('[data-affinity-recommendations]');
    // The storefront's country (Liquid `localization.country`) for Affinity's pixel, which adds it to the
    // visitor's events: a browsing event names no country of its own, so Affinity knows the visitor's market.
    var country = roots.length > 0 ? roots[0].getAttribute('data-country') || '' : '';
    if (/^[A-Za-z]{2}$/.test(country)) publish(LOCALIZATION, { country: country.toUpperCase() });
    for (var i = 0; i < roots.length; i++) load(roots[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { start(); });
  else start();
  // The theme editor re-renders a section without reloading the page.
  document.addEventListener('shopify:section:load', function (e) {
    start(e.target);
  });
})();
