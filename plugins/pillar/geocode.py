"""Asking a geocoding service (any of geopy's) for the coordinates of addresses.

``DIRECTORY_GEOCODER`` names the service and its options. Requests are spaced by geopy's
``RateLimiter``; failures that may pass (time-outs, HTTP 429 — honouring ``Retry-After`` — 5xx,
unreadable answers, refused connections) are retried with backoff, then reported per address.
Nothing here raises for a bad answer: every address ends as an :class:`Outcome`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from geopy import exc as geopy_errors
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

from .geocache import Entry
from .locate import zone_at
from .settings import Bounds
from .suggest import did_you_mean

PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
OWN_OPTIONS = ("service", "min_delay_seconds", "max_retries", "retry_wait_seconds")
APPROXIMATE_RANK = 26
"""Nominatim's place_rank: below 26 the answer is an area (a city, a postcode), not a street or house."""
MAX_WAIT_SECONDS = 120
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


def _options_of(cls) -> set[str]:
    return {name for name in inspect.signature(cls.__init__).parameters if name != "self"}


def make_service(config: dict, bounds: Bounds) -> Service:
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
        return limited(query, exactly_one=True, **extra)

    return Service(name, lookup, bounds.countries if name == "nominatim" else (),
                   config.get("max_retries", 2), config.get("retry_wait_seconds", 2.0))


def _diagnose(error: Exception) -> tuple[bool, str]:
    """Whether an error may pass if we ask again, and how to say what happened."""
    text = str(error)
    if isinstance(error, geopy_errors.GeocoderTimedOut):
        return True, "the service did not answer in time"
    if isinstance(error, geopy_errors.GeocoderRateLimited):
        return True, "the service asked us to slow down (HTTP 429)"
    if isinstance(error, geopy_errors.GeocoderParseError):
        return True, "the service's answer could not be read"
    if isinstance(error, geopy_errors.GeocoderAuthenticationFailure | geopy_errors.GeocoderInsufficientPrivileges):
        return False, f"the service refused the credentials ({text}) — check api_key in DIRECTORY_GEOCODER"
    status = SERVER_ERROR.search(text)
    if status:
        return True, f"the service had an error (HTTP {status.group(0)})"
    if isinstance(error, geopy_errors.GeocoderUnavailable) or CONNECTION_ERROR.search(text):
        return True, f"could not reach the service ({text})"
    return False, f"the service failed ({text})"


def _ask(service: Service, query: str, sleep):
    """The service's answer, retrying what may pass. Raises the last error when retries run out."""
    for attempt in range(service.max_retries + 1):
        try:
            return service.lookup(query)
        except geopy_errors.GeopyError as error:
            retriable, _ = _diagnose(error)
            if not retriable or attempt == service.max_retries:
                raise
            wait = service.retry_wait * 2 ** attempt
            retry_after = getattr(error, "retry_after", None)
            if retry_after:
                wait = max(wait, float(retry_after))
            sleep(min(wait, MAX_WAIT_SECONDS))
    return None  # not reached


def _approximate(location, city: str) -> bool:
    raw = location.raw if isinstance(location.raw, dict) else {}
    rank = raw.get("place_rank")
    if isinstance(rank, (int, float)) and rank < APPROXIMATE_RANK:
        return True
    if raw.get("addresstype") in ("city", "town", "village", "postcode", "county", "state", "suburb"):
        return True
    return bool(city) and city.casefold() not in (location.address or "").casefold()


def geocode(service: Service, query: str, city: str, bounds: Bounds, today: dt.date, sleep=time.sleep) -> Outcome:
    """Ask about one address. Never raises for what the service does."""
    try:
        location = _ask(service, query, sleep)
    except geopy_errors.GeopyError as error:
        return Outcome(None, _diagnose(error)[1])
    stamp = today.isoformat()
    if location is None:
        return Outcome(Entry(service=service.name, date=stamp, found=False), "no place found for this address")
    try:
        latitude, longitude = float(location.latitude), float(location.longitude)
    except (TypeError, ValueError):
        return Outcome(None, "the service's answer had no coordinates")
    raw = location.raw if isinstance(location.raw, dict) else {}
    country = (raw.get("address") or {}).get("country_code", "") if isinstance(raw.get("address"), dict) else ""
    suspect = not bounds.contains(latitude, longitude, country)
    latitude, longitude = round(latitude, 6), round(longitude, 6)
    entry = Entry(service=service.name, date=stamp, latitude=latitude, longitude=longitude,
                  display_name=location.address or "", approximate=_approximate(location, city), suspect=suspect,
                  timezone="" if suspect else zone_at(latitude, longitude))
    return Outcome(entry, "the answer is outside DIRECTORY_BOUNDS" if suspect else "")
