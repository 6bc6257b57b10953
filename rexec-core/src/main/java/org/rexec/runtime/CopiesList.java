package org.rexec.runtime;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The cell's {@code Collections.nCopies}: an immutable list of one element {@code n} times, as
 * the JDK's, whose elements pass the kill check as they are read. A list of a billion copies
 * costs nothing until the JDK walks it ({@code toString}, {@code String.join}, {@code
 * addAll}); then the walk stops with the cell, and arrays of it count against the largest
 * allocation.
 */
final class CopiesList<E> extends AbstractList<E> implements RandomAccess, Serializable {

  private static final long serialVersionUID = 1L;

  private final int size;
  private final E element;
  private final transient CellContext cell;

  CopiesList(int size, E element, CellContext cell) {
    if (size < 0) {
      throw new IllegalArgumentException("List length = " + size);
    }
    this.size = size;
    this.element = element;
    this.cell = cell;
  }

  @Override
  public E get(int index) {
    Objects.checkIndex(index, size);
    Guards.check(cell);
    return element;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean contains(Object o) {
    return size != 0 && Objects.equals(o, element);
  }

  @Override
  public int indexOf(Object o) {
    return contains(o) ? 0 : -1;
  }

  @Override
  public int lastIndexOf(Object o) {
    return contains(o) ? size - 1 : -1;
  }

  @Override
  public Object[] toArray() {
    Guards.allocation(size, 2, cell);
    return super.toArray();
  }

  @Override
  public <T> T[] toArray(T[] a) {
    Guards.allocation(size, 2, cell);
    return super.toArray(a);
  }
}
