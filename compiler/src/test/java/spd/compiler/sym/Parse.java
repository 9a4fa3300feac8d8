package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;

/**
 * A test-only parser for spd-like expressions ("|w|*(|w| + eps)", "log(1 + w^2/eps)", "piecewise { w if w < a, 0
 * otherwise }"), so that tests read like the theory. The real front end is the ANTLR grammar.
 */
public final class Parse {
  private final String s;
  private int i;

  private Parse(String s) {
    this.s = s;
  }

  public static Expr expr(String text) {
    Parse p = new Parse(text);
    Expr e = p.sum();
    p.skip();
    if (p.i != p.s.length()) {
      throw new IllegalArgumentException("unexpected '" + p.s.substring(p.i) + "' in " + text);
    }
    return e;
  }

  private void skip() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private boolean eat(String token) {
    skip();
    if (s.startsWith(token, i)) {
      i += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!eat(token)) {
      throw new IllegalArgumentException("expected '" + token + "' at " + i + " in " + s);
    }
  }

  private Expr sum() {
    Expr e = product();
    while (true) {
      if (eat("+")) {
        e = Expr.add(e, product());
      } else if (peekMinus()) {
        i++;
        e = Expr.sub(e, product());
      } else {
        return e;
      }
    }
  }

  private boolean peekMinus() {
    skip();
    return i < s.length() && s.charAt(i) == '-';
  }

  private Expr product() {
    Expr e = unary();
    while (true) {
      if (eat("*")) {
        e = Expr.mul(e, unary());
      } else if (eat("/")) {
        e = Expr.div(e, unary());
      } else {
        return e;
      }
    }
  }

  private Expr unary() {
    if (eat("-")) {
      return Expr.neg(unary());
    }
    return power();
  }

  private Expr power() {
    Expr base = atom();
    if (eat("^")) {
      return Expr.pow(base, unary());
    }
    return base;
  }

  private Expr atom() {
    skip();
    char c = s.charAt(i);
    if (eat("(")) {
      Expr e = sum();
      expect(")");
      return e;
    }
    if (eat("|")) {
      Expr e = sum();
      expect("|");
      return Expr.abs(e);
    }
    if (Character.isDigit(c) || c == '.') {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == 'e'
          || (s.charAt(i) == '-' && s.charAt(i - 1) == 'e'))) {
        i++;
      }
      return Expr.number(Rational.parseDecimal(s.substring(start, i)));
    }
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    String name = s.substring(start, i);
    if (name.equals("inf")) {
      return Expr.infinity();
    }
    if (name.equals("piecewise")) {
      return piecewise();
    }
    if (eat("(")) {
      List<Expr> args = new ArrayList<>();
      if (!eat(")")) {
        do {
          args.add(sum());
        } while (eat(","));
        expect(")");
      }
      Builtin f = Builtin.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown function " + name));
      return Expr.call(f, args);
    }
    return Expr.symbol(name);
  }

  private Expr piecewise() {
    expect("{");
    List<Piece> pieces = new ArrayList<>();
    while (true) {
      Expr value = sum();
      if (eat("otherwise")) {
        eat(",");
        expect("}");
        return Expr.piecewise(pieces, value);
      }
      expect("if");
      Expr left = sum();
      Relation r = eat("<=") ? Relation.LE : eat(">=") ? Relation.GE : eat("<") ? Relation.LT : eat(">")
          ? Relation.GT : null;
      if (r == null) {
        throw new IllegalArgumentException("expected a comparison in " + s);
      }
      pieces.add(new Piece(new Condition(left, r, sum()), value));
      expect(",");
    }
  }
}
