#pragma once
// Headless subcommands (DESIGN.md, "The CLI"). Each returns the process exit code; errors go to
// stderr as one line naming the bad part.
namespace signlab::cli {

int run_command(int argc, char** argv);        // signlab run ...
int landscape_command(int argc, char** argv);  // signlab landscape ...
int geometry_command(int argc, char** argv);   // signlab geometry ...
int shot_command(int argc, char** argv);       // signlab shot ...  (in app/gui)

}  // namespace signlab::cli
