import Foundation
import HardenCommands

exit(HardenCLI.run(Array(CommandLine.arguments.dropFirst()), context: .process))
