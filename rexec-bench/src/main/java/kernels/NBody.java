package kernels;

/**
 * Nested numeric loops over objects: a gravitational n-body simulation with a symplectic Euler
 * step. The initial system (a heavy star and lighter planets on near-circular orbits) is
 * generated from a fixed seed; the checksum is the bits of the final total energy.
 */
public final class NBody {

  private static final int BODIES = 7;
  private static final double STEP = 0.001;

  /** One body: position, velocity and mass. */
  private static final class Body {
    double x;
    double y;
    double z;
    double vx;
    double vy;
    double vz;
    final double mass;

    Body(double mass) {
      this.mass = mass;
    }
  }

  private NBody() {}

  /** Simulates {@code size} steps. */
  public static long run(int size) {
    Body[] bodies = system();
    for (int step = 0; step < size; step++) {
      advance(bodies);
    }
    return Double.doubleToLongBits(energy(bodies));
  }

  private static Body[] system() {
    long seed = 0x5DEECE66DL;
    Body[] bodies = new Body[BODIES];
    bodies[0] = new Body(40.0);
    for (int i = 1; i < BODIES; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      double fraction = (seed >>> 11) * 0x1.0p-53;
      double radius = 1.0 + 2.5 * i + fraction;
      double angle = 2.0 * Math.PI * fraction * i;
      Body body = new Body(0.001 + 0.01 * fraction);
      body.x = radius * Math.cos(angle);
      body.y = radius * Math.sin(angle);
      body.z = 0.05 * (fraction - 0.5);
      double speed = Math.sqrt(bodies[0].mass / radius);
      body.vx = -speed * Math.sin(angle);
      body.vy = speed * Math.cos(angle);
      bodies[i] = body;
    }
    // The star moves so that the total momentum is zero.
    double px = 0;
    double py = 0;
    double pz = 0;
    for (Body body : bodies) {
      px += body.vx * body.mass;
      py += body.vy * body.mass;
      pz += body.vz * body.mass;
    }
    bodies[0].vx = -px / bodies[0].mass;
    bodies[0].vy = -py / bodies[0].mass;
    bodies[0].vz = -pz / bodies[0].mass;
    return bodies;
  }

  private static void advance(Body[] bodies) {
    for (int i = 0; i < bodies.length; i++) {
      Body a = bodies[i];
      for (int j = i + 1; j < bodies.length; j++) {
        Body b = bodies[j];
        double dx = a.x - b.x;
        double dy = a.y - b.y;
        double dz = a.z - b.z;
        double squared = dx * dx + dy * dy + dz * dz;
        double magnitude = STEP / (squared * Math.sqrt(squared));
        double forA = b.mass * magnitude;
        double forB = a.mass * magnitude;
        a.vx -= dx * forA;
        a.vy -= dy * forA;
        a.vz -= dz * forA;
        b.vx += dx * forB;
        b.vy += dy * forB;
        b.vz += dz * forB;
      }
    }
    for (Body body : bodies) {
      body.x += STEP * body.vx;
      body.y += STEP * body.vy;
      body.z += STEP * body.vz;
    }
  }

  private static double energy(Body[] bodies) {
    double energy = 0;
    for (int i = 0; i < bodies.length; i++) {
      Body a = bodies[i];
      energy += 0.5 * a.mass * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz);
      for (int j = i + 1; j < bodies.length; j++) {
        Body b = bodies[j];
        double dx = a.x - b.x;
        double dy = a.y - b.y;
        double dz = a.z - b.z;
        energy -= a.mass * b.mass / Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
    return energy;
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000));
  }
}
