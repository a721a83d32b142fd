"""Where listings are: geocoding addresses at build time (a committed cache, geopy's services),
locating listings on the map and in time zones, and the gazetteer of places the finder knows."""
