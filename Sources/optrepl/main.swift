import OptLang
import Foundation

let interpreter = Interpreter()
let args = CommandLine.arguments
do {
  try Interpreter.onLargeStack {
    if args.count > 2 && args[1] == "-e" {
      try interpreter.run(args[2], name: "<-e>", echo: .last)
    } else if args.count > 1 {
      let text = try String(contentsOfFile: args[1], encoding: .utf8)
      try interpreter.run(text, name: args[1])
    }
  }
} catch let e as OptError {
  FileHandle.standardError.write(Data(e.description.utf8))
  exit(1)
}
