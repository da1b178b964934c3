import { oidcPrincipalId, principalFromClaims } from './oidc-claims';

describe('principalFromClaims', () => {
  const names = { role: 'handover_role', team: 'handover_team' };
  const teams = [{ id: 'default', name: 'default' }, { id: 'tm_aaaaaaaaaaaaaaaa', name: 'insolvency-sh' }];

  it('takes the role and the team by id or by name', () => {
    expect(principalFromClaims('oidc_x', { handover_role: 'auditor', handover_team: 'tm_aaaaaaaaaaaaaaaa' }, names, teams)).toEqual({ principal: { id: 'oidc_x', role: 'auditor', team: 'tm_aaaaaaaaaaaaaaaa' } });
    expect(principalFromClaims('oidc_x', { handover_role: 'case-manager', handover_team: 'insolvency-sh' }, names, teams)).toEqual({ principal: { id: 'oidc_x', role: 'case-manager', team: 'tm_aaaaaaaaaaaaaaaa' } });
  });

  it('lets an admin go without a team, but not another role', () => {
    expect(principalFromClaims('oidc_x', { handover_role: 'admin' }, names, teams)).toEqual({ principal: { id: 'oidc_x', role: 'admin' } });
    expect(principalFromClaims('oidc_x', { handover_role: 'auditor' }, names, teams)).toMatchObject({ refused: 'OIDC_TEAM_UNKNOWN' });
  });

  it('refuses a role that is not one of ours, a missing role, and a team that does not exist', () => {
    expect(principalFromClaims('oidc_x', { handover_role: 'root', handover_team: 'default' }, names, teams)).toMatchObject({ refused: 'OIDC_ROLE_UNKNOWN' });
    expect(principalFromClaims('oidc_x', { handover_team: 'default' }, names, teams)).toMatchObject({ refused: 'OIDC_ROLE_UNKNOWN' });
    expect(principalFromClaims('oidc_x', { handover_role: ['admin'], handover_team: 'default' }, names, teams)).toMatchObject({ refused: 'OIDC_ROLE_UNKNOWN' });
    expect(principalFromClaims('oidc_x', { handover_role: 'admin', handover_team: 'nowhere' }, names, teams)).toMatchObject({ refused: 'OIDC_TEAM_UNKNOWN' });
  });

  it('reads the configured claim names', () => {
    expect(principalFromClaims('oidc_x', { groups_role: 'auditor', dept: 'default' }, { role: 'groups_role', team: 'dept' }, teams)).toEqual({ principal: { id: 'oidc_x', role: 'auditor', team: 'default' } });
  });
});

describe('oidcPrincipalId', () => {
  it('is stable, differs per issuer and subject, and does not hold the subject', () => {
    const id = oidcPrincipalId('https://idp.example', 'li.si@example.cn');
    expect(id).toMatch(/^oidc_[A-Za-z0-9_-]{22}$/);
    expect(oidcPrincipalId('https://idp.example', 'li.si@example.cn')).toBe(id);
    expect(oidcPrincipalId('https://other.example', 'li.si@example.cn')).not.toBe(id);
    expect(id).not.toContain('li.si');
  });
});
