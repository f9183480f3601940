/// An arithmetic operator on two numbers, as a type, so that code generic
/// over it is specialised for it: the compiler's closures for `a + b`
/// (`Compiler.arithmetic`) and the element loops of array arithmetic
/// (`Broadcast.combine`) get the operator inlined instead of calling it.
protocol NumericOperator {
  static var op: BinaryOperator { get }
  static func apply(_ x: Double, _ y: Double) -> Double
}

enum AddOperator: NumericOperator {
  static let op = BinaryOperator.add
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x + y }
}
enum SubtractOperator: NumericOperator {
  static let op = BinaryOperator.subtract
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x - y }
}
enum MultiplyOperator: NumericOperator {
  static let op = BinaryOperator.multiply
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x * y }
}
enum DivideOperator: NumericOperator {
  static let op = BinaryOperator.divide
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x / y }
}
enum FloorDivideOperator: NumericOperator {
  static let op = BinaryOperator.floorDivide
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { Operators.floorDivide(x, y) }
}
enum ModuloOperator: NumericOperator {
  static let op = BinaryOperator.modulo
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { Operators.modulo(x, y) }
}
enum PowerOperator: NumericOperator {
  static let op = BinaryOperator.power
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { Operators.power(x, y) }
}
