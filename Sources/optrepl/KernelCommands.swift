import ArgumentParser
import Foundation
import OptKernel
import OptLessons
import OptREPL

/// `optrepl kernel …`: the Jupyter kernel, and installing its kernelspec.
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernel",
    abstract: "The Jupyter kernel: run it (Jupyter does), or install its kernelspec.",
    discussion: """
      optrepl kernel install --user     make optrepl a kernel of your Jupyter
      optrepl kernel CONNECTION_FILE    what Jupyter runs to start the kernel
      """,
    subcommands: [KernelStart.self, KernelInstall.self], defaultSubcommand: KernelStart.self)
}

/// `optrepl kernel CONNECTION_FILE`: serves a notebook until Jupyter shuts it down.
struct KernelStart: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start", abstract: "Run the kernel on the sockets of a Jupyter connection file.")

  @Argument(help: "The connection file Jupyter wrote (kernel.json's {connection_file}).")
  var connectionFile: String

  func run() throws {
    do {
      try Kernel.run(connectionFile: connectionFile, version: REPL.version)
    } catch let error as KernelError {
      throw ValidationError(error.description)
    }
  }
}

/// `optrepl kernel install [--user | --prefix P]`: writes the kernelspec.
struct KernelInstall: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install the kernelspec, so that Jupyter lists optrepl (`jupyter kernelspec list`).",
    discussion: "Without --user or --prefix it goes to /usr/local/share/jupyter/kernels, for every user.")

  @Flag(help: "Install for you alone, in your Jupyter data folder (~/.local/share/jupyter/kernels).")
  var user = false

  @Option(help: ArgumentHelp("Install in PREFIX/share/jupyter/kernels, e.g. a virtual environment.", valueName: "P"))
  var prefix: String?

  func validate() throws {
    if user && prefix != nil { throw ValidationError("give --user or --prefix, not both") }
  }

  func run() throws {
    let location: KernelSpec.Location = user ? .user : prefix.map { .prefix($0) } ?? .system
    do {
      let folder = try KernelSpec.install(location, executable: KernelSpec.currentExecutable())
      print("installed the optrepl kernel in \(folder)")
    } catch let error as KernelError {
      FileHandle.standardError.write(Data("optrepl: \(error.description)\n".utf8))
      throw ExitCode.failure
    }
  }
}

/// `optrepl notebook LESSON [-o FILE]`: a lesson as a Jupyter notebook.
struct NotebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notebook",
    abstract: "Write a lesson as a Jupyter notebook (.ipynb) for the optrepl kernel.")

  @Argument(help: "A lesson (`optrepl lessons` lists them), or a percent-format .opt file.")
  var lesson: String

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Where to write it (default LESSON.ipynb; - for standard output).", valueName: "file"))
  var output: String?

  @Flag(help: "Leave out the exercises' solutions.")
  var noSolutions = false

  func run() throws {
    let lesson = try readLesson()
    let data = NotebookWriter.notebook(lesson, solutions: !noSolutions, version: REPL.version)
    let path = output ?? lesson.name + ".ipynb"
    if path == "-" {
      FileHandle.standardOutput.write(data)
      return
    }
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      FileHandle.standardError.write(Data("optrepl: cannot write \(path): \(error.localizedDescription)\n".utf8))
      throw ExitCode.failure
    }
    print("wrote \(path)")
  }

  private func readLesson() throws -> Lesson {
    guard lesson.hasSuffix(".opt") else { return try LessonContext(noColor: true).lesson(lesson) }
    guard let text = try? String(contentsOfFile: lesson, encoding: .utf8) else {
      throw ValidationError("cannot read \(lesson)")
    }
    do {
      let name = URL(fileURLWithPath: lesson).deletingPathExtension().lastPathComponent
      return try Lesson(name: name, path: lesson, text: text)
    } catch {
      throw ValidationError("\(lesson): \(error)")
    }
  }
}
