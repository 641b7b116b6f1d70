package org.idminter.cli; public final class IdMinterCli { public static void main(String[] a) {} }
