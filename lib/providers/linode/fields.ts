// Linode names the request field it refused (`errors[].field`); Lifeboat's forms name theirs
// differently. This maps one to the other so the message lands beside the field the user filled.
const FORM_FIELDS: Record<string, string> = {
  root_pass: 'rootPassword',
  type: 'plan',
  region: 'region',
  label: 'label',
  description: 'description',
  disk_id: 'diskId',
  linode_id: 'targetInstanceId',
  backup_id: 'backupId',
  image: 'imageId',
  'backups.schedule.day': 'day',
  'backups.schedule.window': 'window',
};

export function formFieldFor(linodeField: string | undefined): string | undefined {
  return linodeField ? FORM_FIELDS[linodeField] : undefined;
}
