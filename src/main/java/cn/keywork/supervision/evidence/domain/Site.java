package cn.keywork.supervision.evidence.domain;

/** Where a task is carried out: a point and a radius in metres. */
public record Site(double latitude, double longitude, int radiusMeters) {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** Great-circle distance (haversine) from the site's centre to a point, in metres. */
    public double distanceTo(double lat, double lon) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(lat);
        double dPhi = Math.toRadians(lat - latitude);
        double dLambda = Math.toRadians(lon - longitude);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public boolean contains(double lat, double lon) {
        return distanceTo(lat, lon) <= radiusMeters;
    }
}
