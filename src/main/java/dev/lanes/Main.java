package dev.lanes;

public final class Main {
  public static void main(String[] args) {
    System.out.println("lanes");
  }
}
