"""Asking a geocoding service (any of geopy's) for the coordinates of addresses.

``DIRECTORY_GEOCODER`` names the service and its options. Requests are spaced by geopy's
``RateLimiter``; failures that may pass (time-outs, HTTP 408, 429 — honouring ``Retry-After`` up to
``DIRECTORY_GEOCODE_MAX_WAIT_SECONDS`` — and 5xx, refused connections) are retried with backoff,
then reported per address, each HTTP status named for what it means. An answer is used only when it
has the shape of one: finite coordinates within range; anything else is "could not be read". Nothing
here raises for what a service sends: every address ends as an :class:`Outcome`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from geopy import exc as geopy_errors
from geopy.adapters import AdapterHTTPError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

from pillar.directory.safetext import clip, for_terminal
from pillar.directory.suggest import did_you_mean
from pillar.geo.geocache import Entry
from pillar.geo.locate import zone_at
from pillar.setting_values import Bounds

PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
OWN_OPTIONS = ("service", "min_delay_seconds", "max_retries", "retry_wait_seconds")
APPROXIMATE_RANK = 26
"""Nominatim's place_rank: below 26 the answer is an area (a city, a postcode), not a street or house."""
MAX_WAIT_SECONDS = 60.0
"""The longest wait between tries, whatever ``Retry-After`` asks (``DIRECTORY_GEOCODE_MAX_WAIT_SECONDS``)."""
UNREADABLE = "the service's answer could not be read"
MALFORMED = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)
"""What geopy raises when it takes apart an answer that has the wrong shape (a list of numbers, a
``lat`` that is no number, ``{}``)."""
STATUS = {
    400: (False, "the service could not take the request (HTTP 400)"),
    401: (False, "the service refused the credentials (HTTP 401) — check api_key in DIRECTORY_GEOCODER"),
    402: (False, "the service's quota is used up (HTTP 402) — check the plan your api_key belongs to"),
    403: (False, "the service refused the credentials (HTTP 403) — check api_key in DIRECTORY_GEOCODER"),
    404: (False, "the service's address answered \"not found\" (HTTP 404) — check domain in DIRECTORY_GEOCODER"),
    407: (False, "a proxy refused the credentials (HTTP 407)"),
    408: (True, "the service did not receive the request in time (HTTP 408)"),
    414: (False, "the address is too long for the service (HTTP 414)"),
    429: (True, "the service asked us to slow down (HTTP 429)"),
    502: (True, "the service's gateway had an error (HTTP 502)"),
    503: (True, "the service is unavailable for now (HTTP 503)"),
    504: (True, "the service's gateway did not answer in time (HTTP 504)"),
}
"""What each HTTP status means, and whether asking again may help."""
SERVER_ERROR = re.compile(r"\b5\d\d\b")
"""An HTTP 5xx status in geopy's message: the server failed, and may not next time."""
CONNECTION_ERROR = re.compile(r"Errno|refused|reset|unreachable|Name or service", re.IGNORECASE)


class GeocoderConfigError(Exception):
    """``DIRECTORY_GEOCODER`` cannot make a working geocoder: the message says what to change."""


@dataclass(frozen=True)
class Outcome:
    """What became of one address: an entry for the cache, or the reason there is none."""

    entry: Entry | None
    failure: str = ""


@dataclass(frozen=True)
class Service:
    name: str
    lookup: Callable
    """``lookup(query) -> geopy Location or None``, rate limited."""
    countries: tuple[str, ...]
    max_retries: int
    retry_wait: float
    max_wait: float = MAX_WAIT_SECONDS
    """The longest wait before trying again (``DIRECTORY_GEOCODE_MAX_WAIT_SECONDS``)."""


def _options_of(cls) -> set[str]:
    return {name for name in inspect.signature(cls.__init__).parameters if name != "self"}


def make_service(config: dict, bounds: Bounds, max_wait: float = MAX_WAIT_SECONDS) -> Service:
    """The geocoder ``DIRECTORY_GEOCODER`` describes, or a :class:`GeocoderConfigError`."""
    name = config.get("service", "nominatim")
    try:
        cls = get_geocoder_for_service(name)
    except geopy_errors.GeocoderNotFound:
        hint = did_you_mean(name, sorted(SERVICE_TO_GEOCODER)) or " — see geopy's list of geocoders"
        raise GeocoderConfigError(f"DIRECTORY_GEOCODER: unknown service {name!r}{hint}") from None
    options = {key: value for key, value in config.items() if key not in OWN_OPTIONS}
    unknown = sorted(set(options) - _options_of(cls))
    if unknown:
        raise GeocoderConfigError(f"DIRECTORY_GEOCODER: {unknown[0]!r} is not an option of {cls.__name__} — "
                                  f"its options are {', '.join(sorted(_options_of(cls)))}")
    delay = config.get("min_delay_seconds", 1.0 if name == "nominatim" else 0.0)
    if name == "nominatim":
        domain = options.get("domain", PUBLIC_NOMINATIM)
        agent = options.get("user_agent", "")
        if not agent or "geopy" in agent.lower() or "pillar" == agent.lower():
            raise GeocoderConfigError("DIRECTORY_GEOCODER: Nominatim needs a user_agent that names your site and "
                                      "how to reach you, e.g. 'austin-meetings (admin@example.org)'")
        if urlsplit(f"//{domain}").hostname == PUBLIC_NOMINATIM and delay < 1:
            raise GeocoderConfigError("DIRECTORY_GEOCODER: the public Nominatim server allows at most one "
                                      "request a second — set min_delay_seconds to 1 or more")
    try:
        geocoder = cls(**options)
    except (TypeError, geopy_errors.ConfigurationError) as error:
        raise GeocoderConfigError(f"DIRECTORY_GEOCODER: {cls.__name__} cannot start: {error}") from None
    extra = {"addressdetails": True} if name == "nominatim" else {}
    if name == "nominatim" and bounds.countries:
        extra["country_codes"] = list(bounds.countries)
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=delay, max_retries=0, swallow_exceptions=False)

    def lookup(query):
        # geopy warns on the terminal of a latitude it cannot normalize; every answer's coordinates
        # are checked here anyway (see _coordinates), and reported in words.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return limited(query, exactly_one=True, **extra)

    return Service(name, lookup, bounds.countries if name == "nominatim" else (),
                   config.get("max_retries", 2), config.get("retry_wait_seconds", 2.0), max_wait)


def _diagnose(error: Exception) -> tuple[bool, str]:
    """Whether an error may pass if we ask again, and how to say what happened."""
    text = for_terminal(clip(str(error), 200))  # it may quote what the server sent
    cause = error.__cause__
    if isinstance(cause, AdapterHTTPError) and isinstance(cause.status_code, int):
        code = cause.status_code
        if code in STATUS:
            return STATUS[code]
        if 500 <= code <= 599:
            return True, f"the service had an error (HTTP {code})"
        return False, f"the service answered HTTP {code}"
    if isinstance(error, geopy_errors.GeocoderTimedOut):
        return True, "the service did not answer in time"
    if isinstance(error, geopy_errors.GeocoderRateLimited):
        return True, "the service asked us to slow down (HTTP 429)"
    if isinstance(error, geopy_errors.GeocoderParseError):
        return True, UNREADABLE
    if isinstance(error, geopy_errors.GeocoderAuthenticationFailure | geopy_errors.GeocoderInsufficientPrivileges):
        return False, f"the service refused the credentials ({text}) — check api_key in DIRECTORY_GEOCODER"
    status = SERVER_ERROR.search(text)
    if status:
        return True, f"the service had an error (HTTP {status.group(0)})"
    if isinstance(error, geopy_errors.GeocoderUnavailable) or CONNECTION_ERROR.search(text):
        return True, f"could not reach the service ({text})"
    return False, f"the service failed ({text})"


class _Unreadable(Exception):
    """The answer came, but not in the shape of one."""


class OutOfTime(Exception):
    """The run's time limit would pass before the next try."""


def _ask(service: Service, query: str, sleep, until: float | None = None, clock=time.monotonic):
    """The service's answer, retrying what may pass, never waiting longer than ``service.max_wait`` nor
    past ``until`` (on ``clock``). Raises the last error when retries run out, :class:`OutOfTime` when
    the time is up, :class:`_Unreadable` for an answer of the wrong shape."""
    for attempt in range(service.max_retries + 1):
        try:
            return service.lookup(query)
        except geopy_errors.GeopyError as error:  # (first: some are ValueErrors too)
            retriable, _ = _diagnose(error)
            if not retriable or attempt == service.max_retries:
                raise
            wait = service.retry_wait * 2 ** attempt
            retry_after = getattr(error, "retry_after", None)
            if isinstance(retry_after, (int, float)) and math.isfinite(retry_after):
                wait = max(wait, float(retry_after))
            wait = max(0.0, min(wait, service.max_wait))
            if until is not None and clock() + wait > until:
                raise OutOfTime from None
            sleep(wait)
        except MALFORMED as error:
            raise _Unreadable(str(error)) from None
    return None  # not reached


def _approximate(raw: dict, address: str, city: str) -> bool:
    rank = raw.get("place_rank")
    if isinstance(rank, (int, float)) and not isinstance(rank, bool) and rank < APPROXIMATE_RANK:
        return True
    if raw.get("addresstype") in ("city", "town", "village", "postcode", "county", "state", "suburb"):
        return True
    return bool(city) and city.casefold() not in address.casefold()


def _coordinates(location) -> tuple[float, float] | None:
    """The answer's latitude and longitude, when both are finite numbers within range — as the service
    wrote them (geopy would move a longitude of 190 to -170, and a wrong answer is not made right)."""
    raw = getattr(location, "raw", None)
    given = ((raw["lat"], raw["lon"]) if isinstance(raw, dict) and "lat" in raw and "lon" in raw
             else (location.latitude, location.longitude))
    try:
        latitude, longitude = float(given[0]), float(given[1])
    except MALFORMED:
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


def geocode(service: Service, query: str, city: str, bounds: Bounds, today: dt.date, sleep=time.sleep,
            until: float | None = None, clock=time.monotonic) -> Outcome:
    """Ask about one address. Never raises for what the service does; raises :class:`OutOfTime` when
    the run's time limit (``until``, on ``clock``) comes before an answer."""
    try:
        location = _ask(service, query, sleep, until, clock)
    except geopy_errors.GeopyError as error:
        return Outcome(None, _diagnose(error)[1])
    except _Unreadable:
        return Outcome(None, UNREADABLE)
    stamp = today.isoformat()
    if location is None:
        return Outcome(Entry(service=service.name, date=stamp, found=False), "no place found for this address")
    found = _coordinates(location)
    if found is None:
        return Outcome(None, "the service's answer had no usable coordinates")
    latitude, longitude = found
    raw = getattr(location, "raw", None)
    raw = raw if isinstance(raw, dict) else {}
    parts = raw.get("address")
    country = parts.get("country_code", "") if isinstance(parts, dict) else ""
    country = country if isinstance(country, str) else ""
    address = location.address if isinstance(location.address, str) else ""
    suspect = not bounds.contains(latitude, longitude, country)
    latitude, longitude = round(latitude, 6), round(longitude, 6)
    entry = Entry(service=service.name, date=stamp, latitude=latitude, longitude=longitude,
                  display_name=address[:500], approximate=_approximate(raw, address, city), suspect=suspect,
                  timezone="" if suspect else zone_at(latitude, longitude))
    return Outcome(entry, "the answer is outside DIRECTORY_BOUNDS" if suspect else "")
