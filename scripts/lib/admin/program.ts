import { Command } from 'commander';
import { registerCampaignCommands } from './campaign-commands.ts';
import { registerDossierCommands } from './dossier-commands.ts';
import { registerFormCommands } from './form-commands.ts';
import { registerOfficerCommands } from './officer-commands.ts';
import { registerPointCommands } from './point-commands.ts';
import { registerSetupCommand } from './setup-command.ts';
import { registerStaffCommands } from './staff-commands.ts';
import { registerTicketCommands } from './ticket-commands.ts';
import { registerUnitCommands } from './unit-commands.ts';

/** `npm run admin -- …`: works on the database DATABASE_URL names (default sqlite:./data/hailong.db). */
export function buildAdminProgram(): Command {
  const program = new Command('admin')
    .description('Hài Lòng operator commands. Database: DATABASE_URL (default sqlite:./data/hailong.db).\nExit codes: 0 ok, 1 failed, 2 wrong usage.')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ sortSubcommands: false });
  registerUnitCommands(program);
  registerOfficerCommands(program);
  registerPointCommands(program);
  registerStaffCommands(program);
  registerSetupCommand(program);
  registerDossierCommands(program);
  registerFormCommands(program);
  registerTicketCommands(program);
  registerCampaignCommands(program);
  return program;
}
