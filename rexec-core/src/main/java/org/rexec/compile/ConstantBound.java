package org.rexec.compile;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Refuses source whose constant expressions javac could fold into strings too long for a class
 * file, before javac folds them: javac builds folded strings without a bound, so a few lines that
 * each double a constant would fill the supervisor's heap.
 *
 * <p>Each time javac has parsed a file (the launched one, or one of its source tree that javac
 * reads on demand, always before it folds a constant of it), every file parsed so far is checked
 * again with an over-estimate from the trees: literals count their length, a name the longest
 * initializer of a {@code final} variable it may denote, {@code +} the sum and {@code ?:} the
 * larger of its operands (numbers at least 25), anything else nothing (it is not constant). No {@code +} or {@code ?:}
 * and no initializer may exceed {@link #MAX_CONSTANT}, and all of them together {@link
 * #MAX_TOTAL}, since javac keeps each folded intermediate (in the program's trees).
 */
final class ConstantBound implements TaskListener {

  /** Characters of one constant, at most; javac itself refuses 65,535 and more in a class file. */
  static final long MAX_CONSTANT = 65_535;

  /** Characters of all concatenations and conditionals together, at most. */
  static final long MAX_TOTAL = 1L << 26;

  /**
   * What a name counts when no source declaration says more: a number or boolean prints in at
   * most 25 characters, and no string constant of an exported JDK class is longer than 70 (JDK 17
   * and 25; {@code ConstantBoundTest} measures the running JDK).
   */
  static final long UNRESOLVED_NAME = 100;

  /** Numbers print in at most this many characters ({@code -9.223372036854776E18}). */
  private static final long NUMBER = 25;

  private final SourcePositions positions;
  private final Map<String, Integer> classPathConstants;
  private final List<CompilationUnitTree> units = new ArrayList<>();
  private TooLong refusal;

  /**
   * @param positions of the task's trees, for the line of a refusal
   * @param classPathConstants longest string constant of each field name on the class path
   */
  ConstantBound(SourcePositions positions, Map<String, Integer> classPathConstants) {
    this.positions = positions;
    this.classPathConstants = classPathConstants;
  }

  /**
   * The refusal, if javac was stopped: javac may swallow the exception (thrown while it folds one
   * class's constants, it ends the compilation as a crash without an error), so the caller asks.
   */
  CompilationException failure() {
    return refusal == null
        ? null
        : new CompilationException(refusal.getMessage() + "\n1 error", List.of(refusal.diagnostic));
  }

  @Override
  public void started(TaskEvent event) {
    if (refusal != null) {
      throw refusal;
    }
  }

  @Override
  public void finished(TaskEvent event) {
    started(event);
    if (event.getKind() == TaskEvent.Kind.PARSE && event.getCompilationUnit() != null) {
      units.add(event.getCompilationUnit());
      Names names = new Names();
      for (CompilationUnitTree unit : units) {
        names.scan(unit, null);
      }
      Check check = new Check(new Estimates(names));
      for (CompilationUnitTree unit : units) {
        check.unit = unit;
        check.scan(unit, null);
      }
    }
  }

  /** Thrown when a constant could fold past the bound, to stop javac. */
  static final class TooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient CompilerDiagnostic diagnostic;

    TooLong(CompilerDiagnostic diagnostic) {
      super(diagnostic.file() + ":" + diagnostic.line() + ": error: " + diagnostic.message());
      this.diagnostic = diagnostic;
    }
  }

  /** The initializers of {@code final} variables, by simple name and by class and name. */
  private static final class Names extends TreeScanner<Void, Void> {
    final Map<String, List<ExpressionTree>> bySimpleName = new HashMap<>();
    final Map<String, List<ExpressionTree>> byMember = new HashMap<>();
    /** How many classes have each simple name, and how many of them declare each member. */
    final Map<String, Integer> classes = new HashMap<>();
    final Map<String, Integer> declaring = new HashMap<>();
    private final Set<Tree> fields = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      String name = node.getSimpleName().toString();
      classes.merge(name, 1, Integer::sum);
      boolean implicitlyFinal =
          node.getKind() == Tree.Kind.INTERFACE || node.getKind() == Tree.Kind.ANNOTATION_TYPE;
      Set<String> members = new HashSet<>();
      for (Tree member : node.getMembers()) {
        if (member instanceof VariableTree) {
          VariableTree field = (VariableTree) member;
          fields.add(field);
          String key = name + "." + field.getName();
          if (members.add(key)) {
            declaring.merge(key, 1, Integer::sum);
          }
          if (field.getInitializer() != null && (implicitlyFinal || isFinal(field))) {
            byMember.computeIfAbsent(key, k -> new ArrayList<>()).add(field.getInitializer());
            bySimpleName
                .computeIfAbsent(field.getName().toString(), k -> new ArrayList<>())
                .add(field.getInitializer());
          }
        }
      }
      return super.visitClass(node, unused);
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      // Only a final variable can be constant; fields are counted in visitClass, which knows
      // those of an interface are final without saying so.
      if (node.getInitializer() != null && isFinal(node) && !fields.contains(node)) {
        bySimpleName
            .computeIfAbsent(node.getName().toString(), k -> new ArrayList<>())
            .add(node.getInitializer());
      }
      return super.visitVariable(node, unused);
    }

    @Override
    public Void visitBinary(BinaryTree node, Void unused) {
      // A long chain of + would overflow the stack here before javac's; walk its left spine.
      for (ExpressionTree operand : Spine.operands(node)) {
        scan(operand, unused);
      }
      return null;
    }

    private static boolean isFinal(VariableTree variable) {
      return variable.getModifiers().getFlags().contains(Modifier.FINAL);
    }
  }

  /** Over-estimated lengths of expressions and names, memoized; a cycle counts as too long. */
  private final class Estimates {
    private final Names names;
    private final Map<String, Long> byName = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<ExpressionTree, Long> byTree = new IdentityHashMap<>();

    Estimates(Names names) {
      this.names = names;
    }

    long of(ExpressionTree tree) {
      Long known = byTree.get(tree);
      if (known != null) {
        return known;
      }
      long estimate;
      switch (tree.getKind()) {
        case STRING_LITERAL:
          estimate = ((String) ((LiteralTree) tree).getValue()).length();
          break;
        case CHAR_LITERAL:
          estimate = 1;
          break;
        case INT_LITERAL:
        case LONG_LITERAL:
        case FLOAT_LITERAL:
        case DOUBLE_LITERAL:
        case BOOLEAN_LITERAL:
          estimate = NUMBER;
          break;
        case IDENTIFIER:
          estimate = name(((IdentifierTree) tree).getName().toString(), null);
          break;
        case MEMBER_SELECT:
          MemberSelectTree select = (MemberSelectTree) tree;
          estimate = name(select.getIdentifier().toString(), qualifier(select.getExpression()));
          break;
        case PARENTHESIZED:
          estimate = of(((ParenthesizedTree) tree).getExpression());
          break;
        case TYPE_CAST:
          // A cast to a number turns 'a' (one character) into 97.
          estimate = Math.max(of(((TypeCastTree) tree).getExpression()), NUMBER);
          break;
        case CONDITIONAL_EXPRESSION:
          ConditionalExpressionTree conditional = (ConditionalExpressionTree) tree;
          estimate =
              Math.max(of(conditional.getTrueExpression()), of(conditional.getFalseExpression()));
          break;
        case PLUS:
          estimate = plus((BinaryTree) tree);
          break;
        default:
          // Other operators yield numbers or booleans; calls, new, lambdas are not constant.
          estimate = tree instanceof BinaryTree || tree instanceof UnaryTree ? NUMBER : 0;
      }
      byTree.put(tree, estimate);
      return estimate;
    }

    /** A chain of +, from its innermost link out, so that no link is estimated twice. */
    private long plus(BinaryTree node) {
      Deque<BinaryTree> links = new ArrayDeque<>();
      ExpressionTree left = node;
      while (left.getKind() == Tree.Kind.PLUS && !byTree.containsKey(left)) {
        links.push((BinaryTree) left);
        left = ((BinaryTree) left).getLeftOperand();
      }
      long estimate = of(left);
      for (BinaryTree link : links) {
        // Without a string operand + adds numbers: 'a' + 'b' is 195, longer than its operands.
        estimate = saturated(Math.max(estimate + of(link.getRightOperand()), NUMBER));
        byTree.put(link, estimate);
      }
      return estimate;
    }

    /**
     * The longest value {@code qualifier.name} (or {@code name}) may have: the initializers of
     * the fields of that name of the classes of that simple name when all of them declare it,
     * else of every final variable of that name; at least a class path constant or JDK constant
     * of that name.
     */
    private long name(String name, String qualifier) {
      String member = qualifier + "." + name;
      boolean declaredByAll =
          qualifier != null
              && names.classes.getOrDefault(qualifier, 0) > 0
              && names.declaring.getOrDefault(member, 0).equals(names.classes.get(qualifier));
      String key = declaredByAll ? member : name;
      Long known = byName.get(key);
      if (known != null) {
        return known;
      }
      if (!inProgress.add(key)) {
        // A constant defined by itself, seen through names alone: refuse rather than guess.
        return MAX_CONSTANT + 1;
      }
      long estimate = Math.max(UNRESOLVED_NAME, classPathConstants.getOrDefault(name, 0));
      List<ExpressionTree> initializers =
          (declaredByAll ? names.byMember : names.bySimpleName).getOrDefault(key, List.of());
      for (ExpressionTree initializer : initializers) {
        estimate = Math.max(estimate, of(initializer));
      }
      inProgress.remove(key);
      byName.put(key, estimate);
      return estimate;
    }

    private String qualifier(ExpressionTree expression) {
      if (expression instanceof IdentifierTree) {
        return ((IdentifierTree) expression).getName().toString();
      }
      if (expression instanceof MemberSelectTree) {
        return ((MemberSelectTree) expression).getIdentifier().toString();
      }
      return null;
    }
  }

  private static long saturated(long sum) {
    return Math.min(sum, MAX_CONSTANT + 1);
  }

  /** Checks every concatenation, conditional and initializer of the files parsed so far. */
  private final class Check extends TreeScanner<Void, Void> {
    private final Estimates estimates;
    /** The file being scanned. */
    CompilationUnitTree unit;
    private long total;

    Check(Estimates estimates) {
      this.estimates = estimates;
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      if (node.getInitializer() != null) {
        require(node.getInitializer(), estimates.of(node.getInitializer()));
      }
      return super.visitVariable(node, unused);
    }

    @Override
    public Void visitBinary(BinaryTree node, Void unused) {
      Deque<BinaryTree> spine = new ArrayDeque<>();
      for (ExpressionTree left = node;
          left instanceof BinaryTree;
          left = ((BinaryTree) left).getLeftOperand()) {
        spine.push((BinaryTree) left);
      }
      for (BinaryTree binary : spine) {
        if (binary.getKind() == Tree.Kind.PLUS) {
          require(binary, estimates.of(binary));
        }
      }
      for (ExpressionTree operand : Spine.operands(node)) {
        scan(operand, unused);
      }
      return null;
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
      require(node, estimates.of(node));
      return super.visitConditionalExpression(node, unused);
    }

    private void require(Tree tree, long estimate) {
      total += estimate;
      if (estimate > MAX_CONSTANT || total > MAX_TOTAL) {
        // javac finds where a chain of + starts by recursion; find its leftmost operand here.
        while (tree instanceof BinaryTree) {
          tree = ((BinaryTree) tree).getLeftOperand();
        }
        long start = positions.getStartPosition(unit, tree);
        long line = start < 0 ? -1 : unit.getLineMap().getLineNumber(start);
        long column = start < 0 ? -1 : unit.getLineMap().getColumnNumber(start);
        String message =
            estimate > MAX_CONSTANT
                ? "constant string too long (rexec refuses constant expressions that would fold"
                    + " past 65,535 characters before javac builds them)"
                : "constant strings too long in all (rexec refuses a program whose constant"
                    + " expressions would fold past 67,108,864 characters together)";
        String file = unit.getSourceFile() == null ? "" : unit.getSourceFile().getName();
        refusal = new TooLong(new CompilerDiagnostic(file, line, column, message));
        throw refusal;
      }
    }
  }

  /** The operands of a chain of binary operators, leftmost first, without recursion. */
  private static final class Spine {
    static List<ExpressionTree> operands(BinaryTree node) {
      Deque<ExpressionTree> operands = new ArrayDeque<>();
      ExpressionTree left = node;
      while (left instanceof BinaryTree) {
        operands.push(((BinaryTree) left).getRightOperand());
        left = ((BinaryTree) left).getLeftOperand();
      }
      operands.push(left);
      return new ArrayList<>(operands);
    }
  }
}
