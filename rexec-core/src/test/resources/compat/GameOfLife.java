import java.util.Random;

/** Conway's Game of Life on a small torus, seeded from Random(42). */
public class GameOfLife {

  private final int rows;
  private final int columns;
  private boolean[][] cells;

  GameOfLife(int rows, int columns, Random random) {
    this.rows = rows;
    this.columns = columns;
    this.cells = new boolean[rows][columns];
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        cells[row][column] = random.nextInt(100) < 35;
      }
    }
  }

  int neighbours(int row, int column) {
    int count = 0;
    for (int dr = -1; dr <= 1; dr++) {
      for (int dc = -1; dc <= 1; dc++) {
        if (dr == 0 && dc == 0) {
          continue;
        }
        int r = Math.floorMod(row + dr, rows);
        int c = Math.floorMod(column + dc, columns);
        if (cells[r][c]) {
          count++;
        }
      }
    }
    return count;
  }

  void step() {
    boolean[][] next = new boolean[rows][columns];
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        int n = neighbours(row, column);
        next[row][column] = cells[row][column] ? n == 2 || n == 3 : n == 3;
      }
    }
    cells = next;
  }

  int population() {
    int count = 0;
    for (boolean[] row : cells) {
      for (boolean alive : row) {
        if (alive) {
          count++;
        }
      }
    }
    return count;
  }

  String render() {
    StringBuilder picture = new StringBuilder();
    for (boolean[] row : cells) {
      for (boolean alive : row) {
        picture.append(alive ? '#' : '.');
      }
      picture.append('\n');
    }
    return picture.toString();
  }

  long fingerprint() {
    long hash = 17;
    for (boolean[] row : cells) {
      hash = hash * 31 + java.util.Arrays.hashCode(row);
    }
    return hash;
  }

  public static void main(String[] args) {
    GameOfLife game = new GameOfLife(12, 24, new Random(42));
    System.out.println("generation 0, population " + game.population());
    System.out.print(game.render());
    StringBuilder populations = new StringBuilder();
    for (int generation = 1; generation <= 30; generation++) {
      game.step();
      populations.append(game.population()).append(generation % 10 == 0 ? "\n" : " ");
    }
    System.out.print("populations:\n" + populations);
    System.out.println("generation 30, fingerprint " + game.fingerprint());
    System.out.print(game.render());

    GameOfLife glider = new GameOfLife(6, 6, new Random(0));
    glider.cells = new boolean[6][6];
    int[][] shape = {{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
    for (int[] cell : shape) {
      glider.cells[cell[0]][cell[1]] = true;
    }
    for (int i = 0; i < 4; i++) {
      glider.step();
    }
    System.out.println("glider after 4 steps:");
    System.out.print(glider.render());
  }
}
