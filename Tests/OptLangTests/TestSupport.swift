import Testing

@testable import OptLang

/// Runs `body`, which must fail with a `SyntaxError`; returns the error, or
/// records an issue (at the caller's line) and returns nil.
func expectSyntaxError(
  _ text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> OptError? {
  do {
    try body()
    Issue.record("expected a syntax error for \(text.debugDescription)", sourceLocation: sourceLocation)
    return nil
  } catch let error as OptError {
    #expect(error.kind == .syntaxError, sourceLocation: sourceLocation)
    return error
  } catch {
    Issue.record("not an OptError: \(error)", sourceLocation: sourceLocation)
    return nil
  }
}
